
namespace Agon.Cli;

/// <summary>
/// A command whose feature comes in a later issue. It reads the configuration (so its errors show), says
/// when no usable host exists, and otherwise exits 1 with "not implemented yet" — it never fakes output.
/// </summary>
internal sealed class PendingCommand : AgonCommand
{
    private readonly bool _needsHost;

    public PendingCommand(string name, string description, bool needsHost, params string[] aliases)
        : base(name, description)
    {
        _needsHost = needsHost;

        // Its own options arrive with the issue that builds it; until then any arguments are accepted and ignored.
        TreatUnmatchedTokensAsErrors = false;
        foreach (var alias in aliases)
        {
            Aliases.Add(alias);
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        if (_needsHost)
        {
            NoHostGuard.EnsureServerHost(config);
        }

        throw AgonException.NotImplemented(CommandPath());
    }

    private string CommandPath()
    {
        var names = new List<string> { Name };
        foreach (var parent in Parents)
        {
            if (parent is System.CommandLine.Command { Parents: var grand } command && grand.Any())
            {
                names.Insert(0, command.Name);
            }
        }

        return "agon " + string.Join(' ', names);
    }
}
