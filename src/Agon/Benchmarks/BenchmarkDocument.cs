using System.Globalization;
using Agon.Metrics;

namespace Agon.Benchmarks;

/// <summary>What <c>agon benchmark --json</c> prints: the shape asked for and one entry per target.</summary>
internal sealed record BenchmarkDocument
{
    public required string AgonVersion { get; init; }

    public required int PromptTokens { get; init; }

    public required int GenerateTokens { get; init; }

    public required int Runs { get; init; }

    public required int Warmups { get; init; }

    public required bool Cold { get; init; }

    public required int Concurrency { get; init; }

    public required int Seed { get; init; }

    public bool Cancelled { get; init; }

    public string? Database { get; init; }

    public required IReadOnlyList<BenchmarkTargetJson> Results { get; init; }

    public static BenchmarkDocument From(BenchmarkOptions options, IReadOnlyList<BenchmarkResult> results, bool cancelled, string? database) => new()
    {
        AgonVersion = Agon.AgonVersion.Current,
        PromptTokens = options.PromptTokens,
        GenerateTokens = options.GenerateTokens,
        Runs = options.Runs,
        Warmups = options.Warmups,
        Cold = options.Cold,
        Concurrency = options.Concurrency,
        Seed = options.Seed,
        Cancelled = cancelled,
        Database = database,
        Results = results.Select(Target).ToList(),
    };

    private static BenchmarkTargetJson Target(BenchmarkResult r) => new()
    {
        RunId = r.RunId,
        Host = r.Subject.Host,
        Model = r.Subject.Model,
        Started = r.Started.ToString("O", CultureInfo.InvariantCulture),
        Backend = r.Subject.Backend,
        ServerBuild = r.Subject.ServerBuild,
        Quantization = r.Subject.Quantization,
        SizeBytes = r.Subject.SizeBytes,
        ContextLength = r.Subject.ContextLength,
        ModelsMax = r.Subject.ModelsMax,
        LoadMs = r.Load is { } load ? Json(load) : null,
        PromptTokensMeasured = r.PromptTokensMeasured,
        PromptMeasuredBy = r.PromptMeasuredBy,
        Unstable = r.Unstable,
        Reasons = r.Reasons,
        Error = r.Error,
        Cancelled = r.Cancelled,
        Figures = r.Figures.ToDictionary(f => f.Name, f => FigureJson.From(Source(f.Source), f.Statistics), StringComparer.Ordinal),
        AggregateTokensPerSecond = r.AggregateTokensPerSecond is { } a ? FigureJson.From("client", a) : null,
        Runs = r.Runs.Select(run => new BenchmarkRunJson
        {
            Round = run.Round,
            Slot = run.Slot,
            Nonce = run.Nonce,
            Error = run.Error,
            Short = run.Short,
            CacheHit = run.CacheHit,
            Metrics = run.Metrics.All().Where(m => m.Value is not null).ToDictionary(m => m.Name, m => Json(m.Value!.Value), StringComparer.Ordinal),
        }).ToList(),
    };

    private static MetricJson Json(Metric metric) => new(Math.Round(metric.Value, 3), Source(metric.Source));

    private static string Source(MetricSource source) => source == MetricSource.Server ? "server" : "client";
}
