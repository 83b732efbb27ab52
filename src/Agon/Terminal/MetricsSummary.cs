using Agon.Metrics;

namespace Agon.Terminal;

/// <summary>One line of metrics: <c>ttft 85 ms · prompt 117 tok 3201 tok/s · gen 40 tok 1489 tok/s · total 120 ms</c>.</summary>
internal static class MetricsSummary
{
    public static string Format(ResponseMetrics m)
    {
        var parts = new List<string>();
        if (m.TtftMs is { } ttft)
        {
            parts.Add($"ttft {Ms(ttft.Value)}");
        }

        if (m.LoadMs is { Value: > 0 } load)
        {
            parts.Add($"load {Ms(load.Value)}");
        }

        if (m.PromptTokens is { } prompt)
        {
            parts.Add($"prompt {N(prompt.Value)} tok"
                + (m.CachedTokens is { Value: > 0 } cached ? $" (+{N(cached.Value)} cached)" : "")
                + (m.PromptTokensPerSecond is { } pps ? $" {N(pps.Value)} tok/s" : ""));
        }

        if (m.CompletionTokens is { } completion)
        {
            parts.Add($"gen {N(completion.Value)} tok" + (m.GenerationTokensPerSecond is { } gps ? $" {Figures.OneDecimal(gps.Value)} tok/s" : ""));
        }

        if (m.TotalMs is { } total)
        {
            parts.Add($"total {Ms(total.Value)}");
        }

        return parts.Count == 0 ? "no metrics" : string.Join(" · ", parts);
    }

    private static string Ms(double value) => Figures.Milliseconds(value);

    private static string N(double value) => Figures.Whole(value);
}
