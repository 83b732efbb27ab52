using Agon.Metrics;

namespace Agon.Benchmarks;

/// <summary>The benchmark of one (host, model) as JSON (docs/json/benchmark.schema.json).</summary>
internal sealed record BenchmarkTargetJson
{
    public required string RunId { get; init; }

    public required string Host { get; init; }

    public required string Model { get; init; }

    public required string Started { get; init; }

    public required string Backend { get; init; }

    public string? ServerBuild { get; init; }

    public string? Quantization { get; init; }

    public long? SizeBytes { get; init; }

    public int? ContextLength { get; init; }

    public int? ModelsMax { get; init; }

    public MetricJson? LoadMs { get; init; }

    public int? PromptTokensMeasured { get; init; }

    public required string PromptMeasuredBy { get; init; }

    public required bool Unstable { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    public string? Error { get; init; }

    public bool Cancelled { get; init; }

    public required Dictionary<string, FigureJson> Figures { get; init; }

    public FigureJson? AggregateTokensPerSecond { get; init; }

    public required IReadOnlyList<BenchmarkRunJson> Runs { get; init; }
}
