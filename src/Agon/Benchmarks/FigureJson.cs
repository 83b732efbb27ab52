namespace Agon.Benchmarks;

/// <summary>A figure summarised over the runs, as JSON: <see cref="SampleStatistics"/> rounded to 3 decimals (the CV to 4), and where it was measured.</summary>
internal sealed record FigureJson(
    string Source, int N, double Median, double P95, double Mean, double? StdDev, double? Cv, double Min, double Max, IReadOnlyList<double> Samples)
{
    public static FigureJson From(string source, SampleStatistics s) => new(
        source, s.N, Round(s.Median), Round(s.P95), Round(s.Mean), s.StdDev is { } d ? Round(d) : null, s.Cv is { } c ? Math.Round(c, 4) : null,
        Round(s.Min), Round(s.Max), [.. s.Samples.Select(Round)]);

    private static double Round(double value) => Math.Round(value, 3);
}
