using System.Globalization;
using System.Text;
using Agon.Hosts;

namespace Agon.Terminal;

/// <summary>
/// One live line per target (load, pull) on stderr, redrawn in place. Drawn only when stderr is a terminal and
/// <c>--json</c> is off; otherwise it stays silent and the command prints its results as plain lines. Work that
/// reports no fraction (an Ollama load) shows a spinner and the time so far, kept turning by a timer.
/// </summary>
internal sealed class ProgressBoard : IDisposable
{
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(80);
    private static readonly TimeSpan s_spinInterval = TimeSpan.FromMilliseconds(100);
    private readonly IAgonConsole _console;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<Row> _rows = [];
    private readonly ITimer? _spinner;
    private int _drawnLines;
    private long _lastDraw;

    public ProgressBoard(IAgonConsole console, TimeProvider timeProvider)
    {
        _console = console;
        _timeProvider = timeProvider;
        Enabled = console.Capabilities.ErrorIsTerminal && !console.JsonOutput;
        if (Enabled)
        {
            _spinner = timeProvider.CreateTimer(_ => Spin(), null, s_spinInterval, s_spinInterval);
        }
    }

    public bool Enabled { get; }

    /// <summary>A row for one target; its reports redraw the board.</summary>
    public IProgress<ModelProgress> Add(string label)
    {
        var row = new Row(label, _timeProvider.GetTimestamp());
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
        var row = new Row(label, _timeProvider.GetTimestamp()) { Child = true };
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

    public void Dispose()
    {
        _spinner?.Dispose();
        Draw(force: true);
    }

    private void Spin()
    {
        bool spinning;
        lock (_gate)
        {
            spinning = _rows.Any(r => r.Spins);
        }

        if (spinning)
        {
            Draw(force: false);
        }
    }

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
            var now = _timeProvider.GetTimestamp();
            if (!force && _timeProvider.GetElapsedTime(_lastDraw, now) < s_redrawInterval)
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
                text.Append("\r\u001b[2K").Append(((row.Child ? "  " : "") + ConsoleText.OneLine(row.Label)).PadRight(width)).Append("  ").Append(row.Render(_timeProvider.GetElapsedTime(row.Started, now))).Append('\n');
            }

            _drawnLines = _rows.Count;
            _console.Error.Write(text.ToString());
            _console.Error.Flush();
        }
    }

    private sealed class Row(string label, long started)
    {
        private const string SpinnerFrames = "|/-\\";

        public string Label { get; } = label;

        public long Started { get; } = started;

        /// <summary>At work with nothing to measure it by: drawn as a spinner.</summary>
        public bool Spins => Final is null && Fraction is null && Total is null && Stage != "waiting";

        /// <summary>A file of the target above it, drawn indented.</summary>
        public bool Child { get; init; }

        public string Stage { get; set; } = "waiting";

        public double? Fraction { get; set; }

        public long? Completed { get; set; }

        public long? Total { get; set; }

        public string? Final { get; set; }

        public string Render(TimeSpan elapsed)
        {
            if (Final is not null)
            {
                return Final;
            }

            if (Spins)
            {
                var frame = SpinnerFrames[(int)(elapsed.Ticks / s_spinInterval.Ticks % SpinnerFrames.Length)];
                return string.Create(CultureInfo.InvariantCulture, $"{frame} {ConsoleText.OneLine(Stage)} ({(int)elapsed.TotalSeconds} s)");
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
