using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Agon.Configuration;

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
        // Bare "agon" is a request for help; "agon help [COMMAND…]" is "agon [COMMAND…] --help".
        if (args.Count == 0)
        {
            return await ShowHelpAsync([], _services.Console.Out, cancellationToken);
        }

        if (args[0] == "help")
        {
            var topic = Root.Parse(args.Skip(1).ToList());
            if (topic.UnmatchedTokens.Count == 0)
            {
                return await ShowHelpAsync(Path(topic.CommandResult), _services.Console.Out, cancellationToken);
            }

            args = args.Skip(1).ToList();
        }

        var parseResult = Root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            return await UsageErrorAsync(parseResult, cancellationToken);
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

    private async Task<int> UsageErrorAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var console = _services.Console;
        var commandResult = parseResult.CommandResult;
        var command = commandResult.Command;
        var commandPath = string.Join(' ', Path(commandResult).Prepend("agon"));
        if (parseResult.UnmatchedTokens.Count > 0)
        {
            // The first stray word is the mistake; the words after it are usually its arguments.
            console.WriteError(Unknown(parseResult.UnmatchedTokens[0], commandResult, commandPath));
        }
        else if (command.Subcommands.Count > 0 && command.Action is null)
        {
            // An incomplete command ("agon list"): its help, then what it needs.
            await ShowHelpAsync(Path(commandResult), console.Error, cancellationToken);
            console.WriteError($"{commandPath} needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
            return ExitCodes.Usage;
        }
        else
        {
            // One line each: some of System.CommandLine's messages list their choices one per line.
            foreach (var error in parseResult.Errors)
            {
                console.WriteError(Terminal.ConsoleText.OneLine(error.Message));
            }
        }

        console.WriteNote($"Run '{commandPath} --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>"unknown command 'modles' for 'agon list' (did you mean 'models'?)", and the same for options.</summary>
    private static string Unknown(string token, CommandResult commandResult, string commandPath)
    {
        var command = commandResult.Command;
        if (token.StartsWith('-') && token.Length > 1)
        {
            var options = new List<Option>(command.Options);
            for (var parent = commandResult.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            {
                options.AddRange(parent.Command.Options.Where(o => o.Recursive));
            }

            var name = token.Split('=', 2)[0];
            return $"unknown option '{name}' for '{commandPath}'{Hint(name, options.SelectMany(o => o.Aliases.Prepend(o.Name)))}";
        }

        if (command.Subcommands.Count > 0)
        {
            return $"unknown command '{token}' for '{commandPath}'{Hint(token, command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)))}";
        }

        return $"unexpected argument '{token}' for '{commandPath}'";
    }

    private static string Hint(string token, IEnumerable<string> known) =>
        KeyNames.Suggest(token, known) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "";

    private async Task<int> ShowHelpAsync(IReadOnlyList<string> path, TextWriter writer, CancellationToken cancellationToken)
    {
        var help = Root.Parse([.. path, "--help"]);
        var invocation = new InvocationConfiguration { Output = writer, Error = _services.Console.Error, EnableDefaultExceptionHandler = false };
        await help.InvokeAsync(invocation, cancellationToken);
        return ExitCodes.Success;
    }

    private async Task<int> Invoke(AgonCommand command, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var context = new CommandContext(_services, parseResult, _globalOptions);
        return await CommandExecution.RunAsync(context, ct =>
        {
            command.Prepare(context);
            return command.ExecuteAsync(context, ct);
        }, cancellationToken);
    }

    /// <summary>The command names below the root: <c>["list", "models"]</c>.</summary>
    private static List<string> Path(CommandResult commandResult)
    {
        var names = new List<string>();
        for (var result = commandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
