namespace Agon.Metrics;

/// <summary>One figure and where it came from.</summary>
internal readonly record struct Metric(double Value, MetricSource Source)
{
    public static Metric Server(double value) => new(value, MetricSource.Server);

    public static Metric Client(double value) => new(value, MetricSource.Client);
}
