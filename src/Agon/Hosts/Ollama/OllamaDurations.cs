using Agon.Metrics;

namespace Agon.Hosts.Ollama;

/// <summary>The final line's metrics (nanosecond durations) in Agon's vocabulary.</summary>
internal sealed record OllamaDurations(long? TotalNs, long? LoadNs, long? PromptEvalCount, long? PromptEvalNs, long? EvalCount, long? EvalNs)
{
    public ResponseMetrics ToMetrics() => new()
    {
        LoadMs = Ms(LoadNs),
        PromptTokens = Count(PromptEvalCount),
        PromptMs = Ms(PromptEvalNs),
        PromptTokensPerSecond = Rate(PromptEvalCount, PromptEvalNs),
        CompletionTokens = Count(EvalCount),
        GenerationMs = Ms(EvalNs),
        GenerationTokensPerSecond = Rate(EvalCount, EvalNs),
    };

    private static Metric? Ms(long? ns) => ns is { } v ? Metric.Server(v / 1_000_000.0) : null;

    private static Metric? Count(long? count) => count is { } v ? Metric.Server(v) : null;

    private static Metric? Rate(long? count, long? ns) => count is { } c && ns is > 0 ? Metric.Server(c * 1e9 / ns.Value) : null;
}
