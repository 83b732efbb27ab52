using Agon.Terminal;

namespace Agon.Benchmarks;

/// <summary>
/// Shows a running benchmark: one live line per target on a terminal (stderr), or, when stderr is not a
/// terminal and <c>--json</c> is off, one table row per target as it finishes.
/// </summary>
internal sealed class BenchmarkProgressView(IAgonConsole console, TimeProvider timeProvider, IEnumerable<string> labels) : IBenchmarkObserver, IDisposable
{
    private readonly TargetProgress _progress = new(console, timeProvider, labels);

    public void OnProgress(string host, string model, string step, double fraction) => _progress.Report($"{host}/{model}", model, step, fraction);

    public void OnResult(BenchmarkResult result)
    {
        var label = $"{result.Subject.Host}/{result.Subject.Model}";
        _progress.Complete(label, BenchmarkTable.Headline(result));
        _progress.Note($"{label}: {BenchmarkTable.Headline(result)}");
    }

    public void Dispose() => _progress.Dispose();
}
