namespace Agon.Terminal;

/// <summary>
/// The console service over two writers (the process's stdout and stderr, or test buffers). With a
/// <paramref name="flushClock"/>, stdout is a buffered writer that this class flushes: at the end of a line of
/// text, before anything goes to stderr (so the two stay in order on a terminal), and otherwise at most
/// <see cref="FlushInterval"/> after a write, so a stream of many small deltas costs one write per interval, not
/// one per delta. Without one, every write goes straight to the writer (tests).
/// </summary>
internal sealed class AgonConsole(TextWriter output, TextWriter error, ConsoleCapabilities capabilities, TextReader? input = null, TimeProvider? flushClock = null) : IAgonConsole
{
    /// <summary>The longest text waits in the stdout buffer.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(5);

    private readonly Lock _gate = new();
    private readonly EscapeFilter _outFilter = new();
    private readonly EscapeFilter _errorFilter = new();
    private bool _outMidLine;
    private ITimer? _flushTimer;
    private long _lastFlush;
    private bool _unflushed;
    private bool _timerArmed;

    public ConsoleCapabilities Capabilities { get; } = capabilities;

    public bool JsonOutput { get; private set; }

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public void UseJsonOutput() => JsonOutput = true;

    public void Write(string text, TextStyle style = TextStyle.Plain)
    {
        var (writer, color) = HumanStream();
        lock (_gate)
        {
            Before(writer);
            writer.Write(Styled(ConsoleText.Sanitize(text), style, color));
            Track(writer, text);
        }
    }

    public void WriteLine(string text = "", TextStyle style = TextStyle.Plain)
    {
        var (writer, color) = HumanStream();
        lock (_gate)
        {
            Before(writer);
            writer.WriteLine(Styled(ConsoleText.Sanitize(text), style, color));
            Track(writer, "\n");
        }
    }

    public void WriteModelText(string text, bool toError = false, TextStyle style = TextStyle.Plain)
    {
        var (writer, color) = toError ? (Error, Capabilities.ColorOnError) : HumanStream();
        var terminal = writer == Out ? Capabilities.OutputIsTerminal : Capabilities.ErrorIsTerminal;
        lock (_gate)
        {
            var shown = terminal ? (writer == Out ? _outFilter : _errorFilter).Push(text) : text;
            Before(writer);
            writer.Write(Styled(shown, style, color));
            Track(writer, text);
        }
    }

    public void EndModelText()
    {
        lock (_gate)
        {
            _outFilter.Flush();
            _errorFilter.Flush();
        }
    }

    public void EndLine()
    {
        lock (_gate)
        {
            if (_outMidLine)
            {
                Out.WriteLine();
                _outMidLine = false;
                WroteOut(endOfLine: true);
            }
        }
    }

    public void WriteData(string data)
    {
        lock (_gate)
        {
            Out.WriteLine(data);

            // Data lines (ndjson events) may come thousands a second: they are flushed by time, not per line.
            WroteOut(endOfLine: false);
        }
    }

    /// <summary>Writes out whatever stdout still holds (at the end of the process).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushOut();
        }
    }

    public void WriteError(string message) => Message("error: ", message, TextStyle.Error);

    public void WriteWarning(string message) => Message("warning: ", message, TextStyle.Warning);

    public void WriteNote(string message) => Message("", message, TextStyle.Dim);

    public string? ReadRedirectedInput() => Capabilities.InputRedirected && input is not null ? input.ReadToEnd() : null;

    public async Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        if (!Capabilities.InteractiveInput || input is null)
        {
            return false;
        }

        lock (_gate)
        {
            FlushOut();
            Error.Write(ConsoleText.Sanitize(question) + " [y/N] ");
            Error.Flush();
        }

        string? answer;
        try
        {
            // A blocked ReadLine cannot be interrupted: Ctrl+C ends the wait, and the read goes with the process.
            answer = await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                // The prompt left the line open: whatever follows ("cancelled") starts on its own line.
                Error.WriteLine();
            }

            throw;
        }

        answer = answer?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    private void Message(string prefix, string message, TextStyle style)
    {
        var color = Capabilities.ColorOnError;
        lock (_gate)
        {
            FlushOut();
            Error.WriteLine(Styled(prefix, style, color) + ConsoleText.Sanitize(message));
        }
    }

    /// <summary>Called under the lock before a write: stdout's pending text goes first when stderr is written.</summary>
    private void Before(TextWriter writer)
    {
        if (writer == Error)
        {
            FlushOut();
        }
    }

    /// <summary>Called under the lock after a write.</summary>
    private void Track(TextWriter writer, string text)
    {
        if (writer == Out && text.Length > 0)
        {
            _outMidLine = text[^1] != '\n';
            WroteOut(endOfLine: text.Contains('\n', StringComparison.Ordinal));
        }
    }

    /// <summary>Called under the lock after a write to stdout.</summary>
    private void WroteOut(bool endOfLine)
    {
        if (flushClock is null)
        {
            return;
        }

        _unflushed = true;
        if (endOfLine || flushClock.GetElapsedTime(_lastFlush) >= FlushInterval)
        {
            FlushOut();
            return;
        }

        // One pending timer at a time: arming it per delta would cost more than the write.
        if (_timerArmed)
        {
            return;
        }

        _timerArmed = true;
        if (_flushTimer is null)
        {
            _flushTimer = flushClock.CreateTimer(static state => ((AgonConsole)state!).OnFlushTimer(), this, FlushInterval, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _flushTimer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnFlushTimer()
    {
        lock (_gate)
        {
            _timerArmed = false;
            FlushOut();
        }
    }

    /// <summary>Called under the lock.</summary>
    private void FlushOut()
    {
        if (!_unflushed)
        {
            return;
        }

        _unflushed = false;
        _lastFlush = flushClock?.GetTimestamp() ?? 0;
        try
        {
            Out.Flush();
        }
        catch (IOException)
        {
            // stdout closed early (agon … | head): nothing more can be shown there.
        }
    }

    private (TextWriter Writer, bool Color) HumanStream() =>
        JsonOutput ? (Error, Capabilities.ColorOnError) : (Out, Capabilities.ColorOnOut);

    private static string Styled(string text, TextStyle style, bool color)
    {
        if (!color || style == TextStyle.Plain || text.Length == 0)
        {
            return text;
        }

        var code = style switch
        {
            TextStyle.Bold => "1",
            TextStyle.Dim => "2",
            TextStyle.Success => "32",
            TextStyle.Warning => "33",
            TextStyle.Error => "31",
            _ => "36",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
