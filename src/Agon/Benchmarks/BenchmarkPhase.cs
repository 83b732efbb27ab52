namespace Agon.Benchmarks;

/// <summary>The step of a benchmark a response belongs to (stored with it).</summary>
internal static class BenchmarkPhase
{
    public const string Cold = "cold";
    public const string Warmup = "warmup";
    public const string Run = "run";
}
