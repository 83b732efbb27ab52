using System.CommandLine;
using System.Text.Json;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon list commands</c>: every command with its one-line description.</summary>
internal sealed class ListCommandsCommand : AgonCommand
{

    public ListCommandsCommand()
        : base("commands", "Every agon command with a one-line description")
    {
        Options.Add(JsonOption);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var commands = new List<CommandRow>();
        Collect(context.ParseResult.RootCommandResult.Command, "agon", commands);
        if (context.Console.JsonOutput)
        {
            context.Console.WriteData(JsonText.Write(w => JsonSerializer.Serialize(w, commands, CliJsonContext.Default.ListCommandRow)));
        }
        else
        {
            context.Console.WriteLine(TextTable.Render(["COMMAND", "DESCRIPTION"], commands.Select(c => (IReadOnlyList<string>)[c.Command, c.Description])));
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private static void Collect(Command command, string path, List<CommandRow> into)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = $"{path} {sub.Name}";
            if (sub.Action is not null)
            {
                into.Add(new CommandRow(subPath, sub.Description ?? ""));
            }

            Collect(sub, subPath, into);
        }
    }
}
