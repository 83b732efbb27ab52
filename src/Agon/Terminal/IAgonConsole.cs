namespace Agon.Terminal;

/// <summary>
/// The one way Agon writes to the terminal. Human text goes to stdout, or to stderr once
/// <see cref="UseJsonOutput"/> is on, so that stdout carries only data. Messages always go to stderr.
/// </summary>
internal interface IAgonConsole
{
    ConsoleCapabilities Capabilities { get; }

    /// <summary>True once a command asked for <c>--json</c>: stdout is reserved for data.</summary>
    bool JsonOutput { get; }

    /// <summary>Routes all human text to stderr from now on.</summary>
    void UseJsonOutput();

    /// <summary>Raw stdout, for help text and data.</summary>
    TextWriter Out { get; }

    /// <summary>Raw stderr.</summary>
    TextWriter Error { get; }

    /// <summary>Writes human text (sanitised, styled where supported).</summary>
    void Write(string text, TextStyle style = TextStyle.Plain);

    /// <summary>Writes a line of human text.</summary>
    void WriteLine(string text = "", TextStyle style = TextStyle.Plain);

    /// <summary>
    /// Writes a piece of model text to the human stream (or to stderr when <paramref name="toError"/>): on a terminal
    /// whole escape sequences are removed, even when split across pieces; into a pipe or a file it goes as it came.
    /// </summary>
    void WriteModelText(string text, bool toError = false, TextStyle style = TextStyle.Plain);

    /// <summary>Ends a run of model text: a sequence left unfinished is dropped.</summary>
    void EndModelText();

    /// <summary>Ends the human stream's line when text was left mid-line (before a message such as "cancelled").</summary>
    void EndLine();

    /// <summary>Writes data (JSON, NDJSON) to stdout, unstyled.</summary>
    void WriteData(string data);

    /// <summary>One line on stderr: <c>error: …</c>.</summary>
    void WriteError(string message);

    /// <summary>One line on stderr: <c>warning: …</c>.</summary>
    void WriteWarning(string message);

    /// <summary>One informational line on stderr.</summary>
    void WriteNote(string message);

    /// <summary>All of stdin when it is redirected (a pipe or a file); null when stdin is a terminal.</summary>
    string? ReadRedirectedInput();

    /// <summary>
    /// Asks a yes/no question on stderr and reads the answer; false when input is not interactive. Ctrl+C while it
    /// waits throws <see cref="OperationCanceledException"/>: the command ends as cancelled, nothing done.
    /// </summary>
    Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken);
}
