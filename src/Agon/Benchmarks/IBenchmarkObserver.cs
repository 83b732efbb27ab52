namespace Agon.Benchmarks;

/// <summary>Watches a benchmark: called from several hosts at once, so implementations must be thread-safe.</summary>
internal interface IBenchmarkObserver
{
    /// <summary>A target moved to a step: <c>environment</c>, <c>cold load</c>, <c>warm-up</c>, <c>run 2/5</c>.</summary>
    void OnProgress(string host, string model, string step, double fraction);

    void OnResult(BenchmarkResult result);
}
