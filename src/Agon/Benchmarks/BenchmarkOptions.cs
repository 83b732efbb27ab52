namespace Agon.Benchmarks;

/// <summary>The shape of a benchmark: prompt and generation length, how many runs, and how hard to push a host.</summary>
internal sealed record BenchmarkOptions
{
    public const double UnstableCv = 0.10;

    /// <summary>A run that generated fewer than this share of the asked tokens is <c>short</c>.</summary>
    public const double ShortShare = 0.9;

    public int PromptTokens { get; init; } = 512;

    public int GenerateTokens { get; init; } = 128;

    public int Runs { get; init; } = 5;

    public int Warmups { get; init; } = 1;

    public bool Cold { get; init; } = true;

    /// <summary>Requests at once per host during a measured run (1 = strictly one at a time).</summary>
    public int Concurrency { get; init; } = 1;

    public int Seed { get; init; } = 42;
}
