using System.CommandLine;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon list commands</c>: every command with its one-line description.</summary>
internal sealed class ListCommandsCommand : AgonCommand
{
    private readonly Option<bool> _json = JsonOutputOption.Create();

    public ListCommandsCommand()
        : base("commands", "Every agon command with a one-line description")
    {
        Options.Add(_json);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var commands = new List<(string Path, string Description)>();
        Collect(context.ParseResult.RootCommandResult.Command, "agon", commands);
        if (context.ParseResult.GetValue(_json))
        {
            context.Console.UseJsonOutput();
            context.Console.WriteData(JsonText.Write(w =>
            {
                w.WriteStartArray();
                foreach (var (path, description) in commands)
                {
                    w.WriteStartObject();
                    w.WriteString("command", path);
                    w.WriteString("description", description);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }
        else
        {
            context.Console.WriteLine(TextTable.Render(["COMMAND", "DESCRIPTION"], commands.Select(c => (IReadOnlyList<string>)[c.Path, c.Description])));
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private static void Collect(Command command, string path, List<(string, string)> into)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = $"{path} {sub.Name}";
            if (sub.Action is not null)
            {
                into.Add((subPath, sub.Description ?? ""));
            }

            Collect(sub, subPath, into);
        }
    }
}
