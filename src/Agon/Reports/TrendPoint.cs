namespace Agon.Reports;

/// <summary>One benchmark of a (host, model) in its history: when, and its median generation speed.</summary>
internal sealed record TrendPoint(DateTimeOffset Time, string RunId, double GenerationTokensPerSecond);
