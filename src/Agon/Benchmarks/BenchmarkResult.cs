using Agon.Metrics;
using Agon.Storage;

namespace Agon.Benchmarks;

/// <summary>The benchmark of one (host, model): where it ran, its load, every run and the summary per figure.</summary>
internal sealed record BenchmarkResult
{
    public required string RunId { get; init; }

    public required BenchmarkSubject Subject { get; init; }

    public required DateTimeOffset Started { get; init; }

    /// <summary>The cold load (client-measured), when one ran.</summary>
    public Metric? Load { get; init; }

    /// <summary>Prompt tokens as the server's tokenizer counted them (or as calibrated from the warm-up).</summary>
    public int? PromptTokensMeasured { get; init; }

    /// <summary>How the prompt length was measured: <c>tokenizer</c>, <c>calibrated</c> or <c>estimated</c>.</summary>
    public string PromptMeasuredBy { get; init; } = "estimated";

    public IReadOnlyList<BenchmarkRun> Runs { get; init; } = [];

    public IReadOnlyList<BenchmarkFigure> Figures { get; init; } = [];

    /// <summary>With <c>--concurrency K</c>: total generated tokens per second of each round.</summary>
    public SampleStatistics? AggregateTokensPerSecond { get; init; }

    public bool Unstable => Reasons.Count > 0;

    /// <summary>Why the result is unstable (failed runs, CV over 10 %, a prompt-cache hit), one phrase each.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Set when the whole target failed before any run (the load, the tokenizer).</summary>
    public string? Error { get; init; }

    public bool Cancelled { get; init; }

    public BenchmarkFigure? Figure(string name) => Figures.FirstOrDefault(f => f.Name == name);
}
