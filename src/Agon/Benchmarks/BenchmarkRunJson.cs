using Agon.Metrics;

namespace Agon.Benchmarks;

/// <summary>One measured request as JSON.</summary>
internal sealed record BenchmarkRunJson
{
    public required int Round { get; init; }

    public required int Slot { get; init; }

    public required string Nonce { get; init; }

    public string? Error { get; init; }

    public bool Short { get; init; }

    public bool CacheHit { get; init; }

    public required Dictionary<string, MetricJson> Metrics { get; init; }
}
