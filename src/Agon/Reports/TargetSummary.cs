namespace Agon.Reports;

/// <summary>What the report says about one (host, model).</summary>
internal sealed record TargetSummary
{
    public required string Host { get; init; }

    public required string Model { get; init; }

    public string Backend { get; init; } = "";

    public string? Quantization { get; init; }

    /// <summary>Stored responses of any kind for this target (in the filter).</summary>
    public int Responses { get; init; }

    /// <summary>Where the figures come from: the latest <c>benchmark</c>, else all <c>responses</c>.</summary>
    public string Basis { get; init; } = "responses";

    public Spread? GenerationTokensPerSecond { get; init; }

    public Spread? PromptTokensPerSecond { get; init; }

    public Spread? TtftMs { get; init; }

    public Spread? LoadMs { get; init; }

    /// <summary>
    /// Share of accuracy answers that were right (0–1), when any exist: plain runs and the RAG-off pass; answers given
    /// with retrieved context are <see cref="AccuracyRagOn"/>, never mixed in.
    /// </summary>
    public double? Accuracy { get; init; }

    public int AccuracyAnswers { get; init; }

    /// <summary>The RAG comparison (<c>accuracy --rag</c>): the share right without retrieval; null without such runs.</summary>
    public double? AccuracyRagOff { get; init; }

    /// <summary>The share right with the retrieved context; null without such runs.</summary>
    public double? AccuracyRagOn { get; init; }

    /// <summary>Answers given with retrieved context.</summary>
    public int RagOnAnswers { get; init; }

    /// <summary>Share of responses that asked for JSON (jsonMode, a schema, an <c>is-json</c> check) and got valid JSON.</summary>
    public double? JsonValidity { get; init; }

    public int JsonAnswers { get; init; }

    /// <summary>Share of accuracy answers with a <c>tool-call</c> check where the model called the tool as asked.</summary>
    public double? ToolCallSuccess { get; init; }

    public int ToolCallAnswers { get; init; }

    /// <summary>Stored benchmarks of this target.</summary>
    public int BenchmarkCount { get; init; }

    /// <summary>The latest benchmarks (at most <see cref="MetricsAnalyzer.HistoryLength"/>), oldest first.</summary>
    public IReadOnlyList<TrendPoint> History { get; init; } = [];

    /// <summary>Set when the latest benchmark is more than 15 % slower than the median of the earlier ones.</summary>
    public string? Regression { get; init; }

    public bool OnParetoFront { get; init; }

    public string Label => $"{Host}/{Model}";
}
