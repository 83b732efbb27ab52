using Agon.Metrics;

namespace Agon.Benchmarks;

/// <summary>One measured request of a benchmark (with <c>--concurrency K</c>, one of the K requests of a round).</summary>
internal sealed record BenchmarkRun
{
    /// <summary>1-based round.</summary>
    public required int Round { get; init; }

    /// <summary>1-based slot within the round (always 1 without concurrency).</summary>
    public int Slot { get; init; } = 1;

    /// <summary>The nonce that started its prompt.</summary>
    public required string Nonce { get; init; }

    public ResponseMetrics Metrics { get; init; } = new();

    public string? Error { get; init; }

    /// <summary>Fewer tokens generated than 90 % of what was asked (a backend without <c>ignore_eos</c> stopped early).</summary>
    public bool Short { get; init; }

    /// <summary>The server reused cached prompt tokens although the prompt was made unique.</summary>
    public bool CacheHit { get; init; }
}
