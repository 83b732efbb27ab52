using Agon.Metrics;

namespace Agon.Hosts.LlamaCpp;

/// <summary>llama.cpp's <c>timings</c> object (server-measured).</summary>
internal sealed record LlamaCppTimings
{
    public double? CacheN { get; init; }

    public double? PromptN { get; init; }

    public double? PromptMs { get; init; }

    public double? PromptPerSecond { get; init; }

    public double? PredictedN { get; init; }

    public double? PredictedMs { get; init; }

    public double? PredictedPerSecond { get; init; }

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
