namespace Agon.Benchmarks;

/// <summary>
/// The summary of one figure over a benchmark's runs: median, nearest-rank p95, mean, sample standard
/// deviation (n − 1; unknown for one sample), coefficient of variation, extremes, and the raw samples.
/// </summary>
internal sealed record SampleStatistics
{
    public required int N { get; init; }

    public required double Median { get; init; }

    /// <summary>Nearest rank: the ⌈0.95·n⌉-th smallest sample (for n &lt; 20 that is the maximum).</summary>
    public required double P95 { get; init; }

    public required double Mean { get; init; }

    /// <summary>Sample standard deviation; null with a single sample.</summary>
    public double? StdDev { get; init; }

    /// <summary>StdDev / mean; null when either is unknown or the mean is 0.</summary>
    public double? Cv { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required IReadOnlyList<double> Samples { get; init; }

    /// <summary>Null for no samples.</summary>
    public static SampleStatistics? Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var sorted = samples.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var rank = (int)Math.Ceiling(0.95 * n);
        var mean = sorted.Average();
        double? stddev = null;
        if (n > 1)
        {
            var sum = 0.0;
            foreach (var x in sorted)
            {
                sum += (x - mean) * (x - mean);
            }

            stddev = Math.Sqrt(sum / (n - 1));
        }

        return new SampleStatistics
        {
            N = n,
            Median = median,
            P95 = sorted[Math.Clamp(rank, 1, n) - 1],
            Mean = mean,
            StdDev = stddev,
            Cv = stddev is { } s && mean != 0 ? s / Math.Abs(mean) : null,
            Min = sorted[0],
            Max = sorted[^1],
            Samples = [.. samples],
        };
    }
}
