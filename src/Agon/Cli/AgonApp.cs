using System.CommandLine;
using System.CommandLine.Invocation;

namespace Agon.Cli;

/// <summary>
/// One run of the <c>agon</c> command line: builds the command tree, parses, runs the chosen command and
/// maps every outcome to an exit code and at most a few lines on stderr — never a stack trace.
/// </summary>
internal sealed class AgonApp
{
    private readonly AgonServices _services;
    private readonly GlobalOptions _globalOptions = new();

    public AgonApp(AgonServices services)
    {
        _services = services;
        Root = CommandTree.Build(_globalOptions, Invoke);
    }

    public RootCommand Root { get; }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parseResult = Root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            // "Unrecognized command 'x'" says more than "Required command was not provided", which it causes.
            var errors = parseResult.UnmatchedTokens.Count > 0 && parseResult.Errors.Count > 1
                ? parseResult.Errors.Where(e => e.Message.Contains('\'', StringComparison.Ordinal)).ToList()
                : parseResult.Errors.ToList();
            foreach (var error in errors)
            {
                _services.Console.WriteError(error.Message);
            }

            _services.Console.WriteNote($"Run '{CommandPath(parseResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = _services.Console.Out,
            Error = _services.Console.Error,
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    private async Task<int> Invoke(AgonCommand command, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var context = new CommandContext(_services, parseResult, _globalOptions);
        return await CommandExecution.RunAsync(context, ct => command.ExecuteAsync(context, ct), cancellationToken);
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        if (names.Count > 0)
        {
            names[0] = "agon";
        }

        return string.Join(' ', names);
    }
}
