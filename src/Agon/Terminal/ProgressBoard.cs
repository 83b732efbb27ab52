using System.Globalization;
using System.Text;
using Agon.Hosts;

namespace Agon.Terminal;

/// <summary>
/// One live line per target (load, pull) on stderr, redrawn in place. Drawn only when stderr is a terminal and
/// <c>--json</c> is off; otherwise it stays silent and the command prints its results as plain lines. Work that
/// reports no fraction (an Ollama load) shows a spinner and the time so far, kept turning by a timer. Every line
/// is fitted to the terminal's width (a long name is shortened in the middle, the bar shrinks) so that no line
/// wraps and the redraw stays in place. A finished target's final line is printed once, above the rows still at
/// work, and never redrawn: the board ends as one final line per target, however many there were, and lines
/// printed after its last change (the errors of failed targets) stay on the screen.
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
    private bool _changed;

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
            _changed = true;
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
            _changed = true;
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
                _changed = true;
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
            _changed |= spinning;
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
            _changed = true;
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

            if (!_changed)
            {
                return;
            }

            _lastDraw = now;
            _changed = false;
            var text = new StringBuilder();
            if (_drawnLines > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\u001b[{_drawnLines}A");
            }

            // A finished row is written once, as its final line, above the rows still at work; only those are redrawn.
            var lines = Lines(_console.Capabilities.ErrorWidth, now);
            var live = new StringBuilder();
            _drawnLines = 0;
            for (var i = 0; i < _rows.Count; i++)
            {
                var row = _rows[i];
                if (row.Final is null)
                {
                    live.Append("\r\u001b[2K").Append(lines[i]).Append('\n');
                    _drawnLines++;
                }
                else if (!row.Printed)
                {
                    text.Append("\r\u001b[2K").Append(lines[i]).Append('\n');
                    row.Printed = true;
                }
            }

            text.Append(live);
            _console.Error.Write(text.ToString());
            _console.Error.Flush();
        }
    }

    /// <summary>The rows as they are drawn, each at most <c>width - 1</c> columns (the last column would wrap on some terminals).</summary>
    private List<string> Lines(int width, long now)
    {
        var room = (width > 0 ? width : 80) - 1;
        var labels = _rows.Select(r => (r.Child ? "  " : "") + ConsoleText.OneLine(r.Label)).ToList();
        var labelWidth = Math.Min(labels.Count == 0 ? 0 : labels.Max(l => l.Length), Math.Max(10, room / 3));
        var rest = Math.Max(0, room - labelWidth - 2);
        return _rows.Select((row, i) =>
            Fit(Shorten(labels[i], labelWidth).PadRight(labelWidth) + "  " + row.Render(_timeProvider.GetElapsedTime(row.Started, now), rest), room)).ToList();
    }

    /// <summary>Keeps the start and the end of a name (host and quantization), dropping its middle.</summary>
    internal static string Shorten(string text, int width)
    {
        if (text.Length <= width)
        {
            return text;
        }

        if (width <= 1)
        {
            return text[..Math.Max(0, width)];
        }

        var head = (width - 1) / 2;
        var tail = width - 1 - head;
        return string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail));
    }

    private static string Fit(string line, int width) =>
        line.Length <= width ? line : string.Concat(line.AsSpan(0, Math.Max(0, width - 1)), "…");

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

        /// <summary>The final line is on the screen for good: never drawn again.</summary>
        public bool Printed { get; set; }

        /// <summary>The part after the name, in at most <paramref name="width"/> columns.</summary>
        public string Render(TimeSpan elapsed, int width)
        {
            if (Final is not null)
            {
                return Fit(ConsoleText.OneLine(Final), width);
            }

            if (Spins)
            {
                var frame = SpinnerFrames[(int)(elapsed.Ticks / s_spinInterval.Ticks % SpinnerFrames.Length)];
                return Fit(string.Create(CultureInfo.InvariantCulture, $"{frame} {ConsoleText.OneLine(Stage)} ({(int)elapsed.TotalSeconds} s)"), width);
            }

            var percent = Fraction is { } f ? f.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "";
            var bytes = Total is > 0 ? $" {Figures.Bytes(Completed ?? 0)}/{Figures.Bytes(Total.Value)}" : "";
            var stage = ConsoleText.OneLine(Stage);

            // The bar gives way first (down to 8), then the byte counts; the stage is cut last.
            const int MaxBar = 24;
            const int MinBar = 8;
            var suffix = $" {percent,4}{bytes} {stage}";
            if (width - suffix.Length - 2 < MinBar && bytes.Length > 0)
            {
                suffix = $" {percent,4} {stage}";
            }

            var barWidth = Math.Clamp(width - suffix.Length - 2, MinBar, MaxBar);
            var filled = (int)Math.Round((Fraction ?? 0) * barWidth);
            var bar = new string('#', filled) + new string('.', barWidth - filled);
            return Fit($"[{bar}]{suffix}", width);
        }
    }

    private sealed class Reporter(ProgressBoard board, Row row) : IProgress<ModelProgress>, IFileProgress
    {
        public Row Row { get; } = row;

        public void Report(ModelProgress value) => board.Update(Row, value);

        public IProgress<ModelProgress> AddFile(string label) => board.AddChild(Row, label);
    }
}
