using System.CommandLine;

namespace Agon.Cli;

/// <summary>A leaf command: parses its own options, then calls a feature. Failures are exceptions mapped to exit codes in one place.</summary>
internal abstract class AgonCommand : Command
{
    protected AgonCommand(string name, string description)
        : base(name, description)
    {
    }

    /// <summary>Runs the command; returns the exit code.</summary>
    public abstract Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);
}
