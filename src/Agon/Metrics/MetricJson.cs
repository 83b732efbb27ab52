namespace Agon.Metrics;

/// <summary>One figure as JSON: <c>{"value": 85.2, "source": "server"}</c> (rounded to 3 decimals).</summary>
internal sealed record MetricJson(double Value, string Source)
{
    /// <summary>Every figure by its JSON name, in <see cref="ResponseMetrics.All"/>'s order, null where there is none.</summary>
    public static Dictionary<string, MetricJson?> From(ResponseMetrics metrics)
    {
        var figures = new Dictionary<string, MetricJson?>(StringComparer.Ordinal);
        foreach (var (name, value) in metrics.All())
        {
            figures[name] = value is { } metric ? new MetricJson(Math.Round(metric.Value, 3), metric.Source == MetricSource.Server ? "server" : "client") : null;
        }

        return figures;
    }
}
