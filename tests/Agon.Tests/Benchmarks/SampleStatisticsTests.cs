using Agon.Benchmarks;

namespace Agon.Tests.Benchmarks;

public sealed class SampleStatisticsTests
{
    [Fact]
    public void OneSample_HasNoSpread()
    {
        var s = SampleStatistics.Of([7.0])!;

        Assert.Equal((1, 7.0, 7.0, 7.0, 7.0, 7.0), (s.N, s.Median, s.P95, s.Mean, s.Min, s.Max));
        Assert.Null(s.StdDev);
        Assert.Null(s.Cv);
    }

    [Fact]
    public void TwoSamples_MedianIsTheMidpoint_StdDevUsesNMinusOne()
    {
        var s = SampleStatistics.Of([20.0, 10.0])!;

        Assert.Equal(15.0, s.Median);
        Assert.Equal(20.0, s.P95);
        Assert.Equal(15.0, s.Mean);
        Assert.Equal(Math.Sqrt(50), s.StdDev!.Value, 9);
        Assert.Equal(Math.Sqrt(50) / 15, s.Cv!.Value, 9);
        Assert.Equal([20.0, 10.0], s.Samples);
    }

    [Fact]
    public void FiveSamples_HandComputed()
    {
        var s = SampleStatistics.Of([4.0, 1.0, 100.0, 3.0, 2.0])!;

        Assert.Equal(3.0, s.Median);
        Assert.Equal(100.0, s.P95); // rank ⌈0.95·5⌉ = 5
        Assert.Equal(22.0, s.Mean);
        Assert.Equal(Math.Sqrt(7610.0 / 4), s.StdDev!.Value, 9); // 43.617…
        Assert.Equal(Math.Sqrt(7610.0 / 4) / 22, s.Cv!.Value, 9);
        Assert.Equal((1.0, 100.0), (s.Min, s.Max));
    }

    [Fact]
    public void TwentySamples_P95IsTheNineteenth()
    {
        var s = SampleStatistics.Of(Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList())!;

        Assert.Equal(19.0, s.P95);
        Assert.Equal(10.5, s.Median);
    }

    [Fact]
    public void ZeroMean_HasNoCv_NoSamples_NoStatistics()
    {
        Assert.Null(SampleStatistics.Of([0.0, 0.0])!.Cv);
        Assert.Null(SampleStatistics.Of([]));
    }
}
