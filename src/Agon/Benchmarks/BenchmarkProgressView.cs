using Agon.Hosts;
using Agon.Terminal;

namespace Agon.Benchmarks;

/// <summary>
/// Shows a running benchmark: one live line per target on a terminal (stderr), or, when stderr is not a
/// terminal and <c>--json</c> is off, one table row per target as it finishes.
/// </summary>
internal sealed class BenchmarkProgressView : IBenchmarkObserver, IDisposable
{
    private readonly IAgonConsole _console;
    private readonly ProgressBoard _board;
    private readonly Dictionary<string, IProgress<ModelProgress>> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public BenchmarkProgressView(IAgonConsole console, TimeProvider timeProvider, IEnumerable<string> labels)
    {
        _console = console;
        _board = new ProgressBoard(console, timeProvider);
        foreach (var label in labels)
        {
            _rows[label] = _board.Add(label);
        }
    }

    public void OnProgress(string host, string model, string step, double fraction)
    {
        if (_rows.TryGetValue($"{host}/{model}", out var row))
        {
            row.Report(new ModelProgress(model, step, fraction));
        }
    }

    public void OnResult(BenchmarkResult result)
    {
        if (_rows.TryGetValue($"{result.Host}/{result.Model}", out var row))
        {
            _board.Complete(row, BenchmarkTable.Headline(result));
        }

        if (!_board.Enabled && !_console.JsonOutput)
        {
            lock (_gate)
            {
                _console.WriteNote($"{result.Host}/{result.Model}: {BenchmarkTable.Headline(result)}");
            }
        }
    }

    public void Dispose() => _board.Dispose();
}
