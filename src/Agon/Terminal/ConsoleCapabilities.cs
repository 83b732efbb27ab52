namespace Agon.Terminal;

/// <summary>What the terminal can do, worked out once at start-up.</summary>
internal sealed record ConsoleCapabilities
{
    /// <summary>Plain text everywhere: what tests and pipes get.</summary>
    public static readonly ConsoleCapabilities Plain = new();

    /// <summary>Colour codes may be written to stdout.</summary>
    public bool ColorOnOut { get; init; }

    /// <summary>Colour codes, progress bars and spinners may be written to stderr.</summary>
    public bool ColorOnError { get; init; }

    /// <summary>stdout is a terminal: model text is cleaned of escape sequences there (and written as it came elsewhere).</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>stderr is a terminal: progress displays may be drawn there.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Columns of the terminal stderr is on; 0 when unknown (progress lines then assume 80).</summary>
    public int ErrorWidth { get; init; }

    /// <summary>stdin is a terminal and prompts may be shown.</summary>
    public bool InteractiveInput { get; init; }

    /// <summary>stdin is redirected (a pipe or a file), so it may carry a prompt.</summary>
    public bool InputRedirected { get; init; }

    public static ConsoleCapabilities Detect(IAgonEnvironment environment)
    {
        var colorAllowed = environment.GetVariable("NO_COLOR") is null
            && !string.Equals(environment.GetVariable("TERM"), "dumb", StringComparison.Ordinal);
        var inCi = environment.GetVariable("CI") is { } ci && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase);
        return new ConsoleCapabilities
        {
            ColorOnOut = colorAllowed && !Console.IsOutputRedirected,
            ColorOnError = colorAllowed && !Console.IsErrorRedirected,
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            ErrorWidth = Console.IsErrorRedirected ? 0 : TerminalWidth(environment),
            InteractiveInput = !Console.IsInputRedirected && !inCi,
            InputRedirected = Console.IsInputRedirected,
        };
    }

    /// <summary>The terminal's columns, else <c>COLUMNS</c>, else 0 (unknown).</summary>
    private static int TerminalWidth(IAgonEnvironment environment)
    {
        try
        {
            if (Console.WindowWidth is > 0 and var width)
            {
                return width;
            }
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            // Not a terminal .NET can ask; COLUMNS may still say.
        }

        return int.TryParse(environment.GetVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns) ? columns : 0;
    }
}
