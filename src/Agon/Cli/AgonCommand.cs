using System.CommandLine;

namespace Agon.Cli;

/// <summary>A leaf command: parses its own options, then calls a feature. Failures are exceptions mapped to exit codes in one place.</summary>
internal abstract class AgonCommand : Command
{
    protected AgonCommand(string name, string description)
        : base(name, description)
    {
    }

    /// <summary>
    /// <c>--json</c>, for commands that print data (they add it to their options): when given, the console is
    /// switched before the command runs, so data goes to stdout and every message to stderr, in every command alike.
    /// </summary>
    protected Option<bool> JsonOption { get; } = JsonOutputOption.Create();

    /// <summary>Runs the command; returns the exit code.</summary>
    public abstract Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);

    /// <summary>What every command does before it runs: the console's output mode from <see cref="JsonOption"/>.</summary>
    public void Prepare(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Options.Contains(JsonOption) && context.ParseResult.GetValue(JsonOption))
        {
            context.Console.UseJsonOutput();
        }
    }
}
