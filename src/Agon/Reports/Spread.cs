using Agon.Benchmarks;

namespace Agon.Reports;

/// <summary>A figure's centre and spread for the report (the raw samples stay in the database).</summary>
internal sealed record Spread(int N, double Median, double P95, double Min, double Max)
{
    public static Spread? Of(List<double> samples) =>
        SampleStatistics.Of(samples) is { } s ? new Spread(s.N, Round(s.Median), Round(s.P95), Round(s.Min), Round(s.Max)) : null;

    private static double Round(double value) => Math.Round(value, 2);
}
