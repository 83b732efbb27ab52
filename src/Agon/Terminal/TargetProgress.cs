using Agon.Hosts;

namespace Agon.Terminal;

/// <summary>
/// The progress of a run over several targets on stderr, shared by the benchmark and accuracy views: one live line
/// per target on a terminal; otherwise (stderr not a terminal, <c>--json</c> off) one line per target as it finishes.
/// </summary>
internal sealed class TargetProgress : IDisposable
{
    private readonly IAgonConsole _console;
    private readonly ProgressBoard _board;
    private readonly Dictionary<string, IProgress<ModelProgress>> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TargetProgress(IAgonConsole console, TimeProvider timeProvider, IEnumerable<string> labels)
    {
        _console = console;
        _board = new ProgressBoard(console, timeProvider);
        foreach (var label in labels.Distinct(StringComparer.Ordinal))
        {
            _rows[label] = _board.Add(label);
        }
    }

    /// <summary>Shows <paramref name="step"/> on the target's live line, its text naming <paramref name="shown"/>.</summary>
    public void Report(string label, string shown, string step, double fraction)
    {
        if (_rows.TryGetValue(label, out var row))
        {
            row.Report(new ModelProgress(shown, step, fraction));
        }
    }

    /// <summary>Ends the target's live line with <paramref name="text"/>.</summary>
    public void Complete(string label, string text)
    {
        if (_rows.TryGetValue(label, out var row))
        {
            _board.Complete(row, text);
        }
    }

    /// <summary>Without live lines, prints <paramref name="text"/> as a note (nothing with <c>--json</c>).</summary>
    public void Note(string text)
    {
        if (!_board.Enabled && !_console.JsonOutput)
        {
            lock (_gate)
            {
                _console.WriteNote(text);
            }
        }
    }

    /// <summary>Without live lines, prints <paramref name="text"/> as a warning.</summary>
    public void Warning(string text)
    {
        if (!_board.Enabled)
        {
            lock (_gate)
            {
                _console.WriteWarning(text);
            }
        }
    }

    public void Dispose() => _board.Dispose();
}
