using Agon.Hosts;
using Agon.Terminal;

namespace Agon.Accuracy;

/// <summary>
/// Shows a running suite on stderr: one live line per target on a terminal, or, when stderr is not a terminal and
/// <c>--json</c> is off, one line per target as it finishes. Failed requests are one warning each.
/// </summary>
internal sealed class AccuracyProgressView : IAccuracyObserver, IDisposable
{
    private readonly IAgonConsole _console;
    private readonly ProgressBoard _board;
    private readonly Dictionary<string, IProgress<ModelProgress>> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public AccuracyProgressView(IAgonConsole console, TimeProvider timeProvider, IEnumerable<string> labels)
    {
        _console = console;
        _board = new ProgressBoard(console, timeProvider);
        foreach (var label in labels.Distinct(StringComparer.Ordinal))
        {
            _rows[label] = _board.Add(label);
        }
    }

    public void OnProgress(string label, string step, double fraction)
    {
        if (_rows.TryGetValue(label, out var row))
        {
            row.Report(new ModelProgress(label, step, fraction));
        }
    }

    public void OnRecord(AccuracyRecord record)
    {
        if (record.Error is not null && !_board.Enabled)
        {
            lock (_gate)
            {
                _console.WriteWarning($"test {record.Test.Id} on {record.Label}: {record.ErrorKind}: {record.Error}");
            }
        }
    }

    public void OnSummary(AccuracySummary summary)
    {
        if (_rows.TryGetValue(summary.Target, out var row) && summary.RagMode is null)
        {
            _board.Complete(row, AccuracyTable.Headline(summary));
        }

        if (!_board.Enabled && !_console.JsonOutput)
        {
            lock (_gate)
            {
                _console.WriteNote($"{summary.Target}{(summary.RagMode is { } m ? $" (rag {m})" : "")}: {AccuracyTable.Headline(summary)}");
            }
        }
    }

    public void Dispose() => _board.Dispose();
}
