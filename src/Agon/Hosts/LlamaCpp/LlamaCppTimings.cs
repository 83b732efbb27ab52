using Agon.Metrics;

namespace Agon.Hosts.LlamaCpp;

/// <summary>llama.cpp's <c>timings</c> object (server-measured).</summary>
internal sealed record LlamaCppTimings(
    double? CacheN, double? PromptN, double? PromptMs, double? PromptPerSecond, double? PredictedN, double? PredictedMs, double? PredictedPerSecond)
{
    /// <summary>The server's figures in Agon's vocabulary; <paramref name="usage"/> fills token counts when timings lack them.</summary>
    public static ResponseMetrics ToMetrics(LlamaCppTimings? timings, LlamaCppChatUsage? usage) => new()
    {
        PromptTokens = Server(timings?.PromptN ?? usage?.PromptTokens),
        CachedTokens = Server(timings?.CacheN ?? usage?.CachedTokens),
        PromptMs = Server(timings?.PromptMs),
        PromptTokensPerSecond = Server(timings?.PromptPerSecond),
        CompletionTokens = Server(timings?.PredictedN ?? usage?.CompletionTokens),
        GenerationMs = Server(timings?.PredictedMs),
        GenerationTokensPerSecond = Server(timings?.PredictedPerSecond),
    };

    private static Metric? Server(double? value) => value is { } v ? Metric.Server(v) : null;
}
