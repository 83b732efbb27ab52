namespace Agon.Terminal;

/// <summary>The console service over two writers (the process's stdout and stderr, or test buffers).</summary>
internal sealed class AgonConsole(TextWriter output, TextWriter error, ConsoleCapabilities capabilities, TextReader? input = null) : IAgonConsole
{
    private readonly Lock _gate = new();
    private readonly EscapeFilter _outFilter = new();
    private readonly EscapeFilter _errorFilter = new();
    private bool _outMidLine;

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
            writer.Write(Styled(ConsoleText.Sanitize(text), style, color));
            Track(writer, text);
        }
    }

    public void WriteLine(string text = "", TextStyle style = TextStyle.Plain)
    {
        var (writer, color) = HumanStream();
        lock (_gate)
        {
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
            }
        }
    }

    public void WriteData(string data)
    {
        lock (_gate)
        {
            Out.WriteLine(data);
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
            Error.WriteLine(Styled(prefix, style, color) + ConsoleText.Sanitize(message));
        }
    }

    private void Track(TextWriter writer, string text)
    {
        if (writer == Out && text.Length > 0)
        {
            _outMidLine = text[^1] != '\n';
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
