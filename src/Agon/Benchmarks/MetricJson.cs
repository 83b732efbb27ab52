namespace Agon.Benchmarks;

/// <summary>A figure of one run as JSON: its value and <c>server</c> or <c>client</c>.</summary>
internal sealed record MetricJson(double Value, string Source);
