namespace Agon.Benchmarks;

/// <summary>A figure summarised over the runs, as JSON.</summary>
internal sealed record FigureJson
{
    public required string Source { get; init; }

    public required int N { get; init; }

    public required double Median { get; init; }

    public required double P95 { get; init; }

    public required double Mean { get; init; }

    public double? StdDev { get; init; }

    public double? Cv { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required IReadOnlyList<double> Samples { get; init; }

    public static FigureJson From(string source, SampleStatistics s) => new()
    {
        Source = source,
        N = s.N,
        Median = Round(s.Median),
        P95 = Round(s.P95),
        Mean = Round(s.Mean),
        StdDev = s.StdDev is { } d ? Round(d) : null,
        Cv = s.Cv is { } c ? Math.Round(c, 4) : null,
        Min = Round(s.Min),
        Max = Round(s.Max),
        Samples = s.Samples.Select(Round).ToList(),
    };

    private static double Round(double value) => Math.Round(value, 3);
}
