using System.Globalization;
using System.Text;
using Agon.Hosts;

namespace Agon.Terminal;

/// <summary>
/// One live line per target (load, pull) on stderr, redrawn in place. Drawn only when stderr is a terminal and
/// <c>--json</c> is off; otherwise it stays silent and the command prints its results as plain lines.
/// </summary>
internal sealed class ProgressBoard(IAgonConsole console, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(80);
    private readonly Lock _gate = new();
    private readonly List<Row> _rows = [];
    private int _drawnLines;
    private long _lastDraw;

    public bool Enabled { get; } = console.Capabilities.ErrorIsTerminal && !console.JsonOutput;

    /// <summary>A row for one target; its reports redraw the board.</summary>
    public IProgress<ModelProgress> Add(string label)
    {
        var row = new Row(label);
        lock (_gate)
        {
            _rows.Add(row);
        }

        Draw(force: true);
        return new Reporter(this, row);
    }

    /// <summary>A row for one file of a target, drawn under the target's row.</summary>
    private Reporter AddChild(Row parent, string label)
    {
        var row = new Row(label) { Child = true };
        lock (_gate)
        {
            var index = _rows.IndexOf(parent) + 1;
            while (index < _rows.Count && _rows[index].Child)
            {
                index++;
            }

            _rows.Insert(index, row);
        }

        Draw(force: true);
        return new Reporter(this, row);
    }

    /// <summary>Marks a row finished with a final word (loaded, failed, …).</summary>
    public void Complete(IProgress<ModelProgress> progress, string text)
    {
        if (progress is Reporter reporter)
        {
            lock (_gate)
            {
                reporter.Row.Final = text;
            }

            Draw(force: true);
        }
    }

    public void Dispose() => Draw(force: true);

    private void Update(Row row, ModelProgress value)
    {
        lock (_gate)
        {
            row.Stage = value.Stage;
            row.Fraction = value.Fraction ?? row.Fraction;
            row.Completed = value.CompletedBytes;
            row.Total = value.TotalBytes;
        }

        Draw(force: false);
    }

    private void Draw(bool force)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            if (!force && timeProvider.GetElapsedTime(_lastDraw, now) < s_redrawInterval)
            {
                return;
            }

            _lastDraw = now;
            var width = _rows.Count == 0 ? 0 : _rows.Max(r => r.Label.Length + (r.Child ? 2 : 0));
            var text = new StringBuilder();
            if (_drawnLines > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\u001b[{_drawnLines}A");
            }

            foreach (var row in _rows)
            {
                text.Append("\r\u001b[2K").Append(((row.Child ? "  " : "") + ConsoleText.OneLine(row.Label)).PadRight(width)).Append("  ").Append(row.Render()).Append('\n');
            }

            _drawnLines = _rows.Count;
            console.Error.Write(text.ToString());
            console.Error.Flush();
        }
    }

    private sealed class Row(string label)
    {
        public string Label { get; } = label;

        /// <summary>A file of the target above it, drawn indented.</summary>
        public bool Child { get; init; }

        public string Stage { get; set; } = "waiting";

        public double? Fraction { get; set; }

        public long? Completed { get; set; }

        public long? Total { get; set; }

        public string? Final { get; set; }

        public string Render()
        {
            if (Final is not null)
            {
                return Final;
            }

            const int BarWidth = 24;
            var filled = (int)Math.Round((Fraction ?? 0) * BarWidth);
            var bar = new string('#', filled) + new string('.', BarWidth - filled);
            var percent = Fraction is { } f ? f.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "";
            var bytes = Total is > 0 ? $" {Sizes.Format(Completed ?? 0)}/{Sizes.Format(Total.Value)}" : "";
            return $"[{bar}] {percent,4}{bytes} {ConsoleText.OneLine(Stage)}";
        }
    }

    private sealed class Reporter(ProgressBoard board, Row row) : IProgress<ModelProgress>, IFileProgress
    {
        public Row Row { get; } = row;

        public void Report(ModelProgress value) => board.Update(Row, value);

        public IProgress<ModelProgress> AddFile(string label) => board.AddChild(Row, label);
    }
}
