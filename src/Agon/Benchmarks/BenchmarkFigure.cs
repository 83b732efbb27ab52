using Agon.Metrics;

namespace Agon.Benchmarks;

/// <summary>One figure summarised over the measured runs, with who measured it.</summary>
internal sealed record BenchmarkFigure(string Name, MetricSource Source, SampleStatistics Statistics);
