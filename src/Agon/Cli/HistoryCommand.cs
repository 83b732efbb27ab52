using System.CommandLine;
using Agon.Conversations;
using Agon.Storage;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon history</c>: the saved conversations, newest first (<c>show</c> and <c>delete</c> are its subcommands).</summary>
internal sealed class HistoryCommand : AgonCommand
{

    public HistoryCommand()
        : base("history", "List saved conversations (agon chat --continue ID goes on with one)")
    {
        Options.Add(JsonOption);
        Options.Add(DbOption);
    }

    /// <summary>The <c>--db</c> option shared by the history commands.</summary>
    public static Option<string> DbOption { get; } = new("--db") { Description = "The database conversations are kept in (default: AGON_DB, else $XDG_DATA_HOME/agon/agon.db)", HelpName = "file", Recursive = true };

    public static ConversationStore Open(CommandContext context, out AgonDatabase database)
    {
        database = AgonDatabase.Open(DatabasePath.Resolve(context.Environment, context.ParseResult.GetValue(DbOption)));
        return new ConversationStore(database, context.TimeProvider);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var store = Open(context, out var database);
        using (database)
        {
            var conversations = store.List();
            if (context.Console.JsonOutput)
            {
                context.Console.WriteData(JsonText.Write(w => ConversationJson.WriteSummaries(w, conversations)));
                return Task.FromResult(ExitCodes.Success);
            }

            if (conversations.Count == 0)
            {
                context.Console.WriteNote($"no saved conversations in {store.Path}");
                return Task.FromResult(ExitCodes.Success);
            }

            context.Console.WriteLine(TextTable.Render(
                ["ID", "WHEN (UTC)", "MODE", "TARGETS", "TURNS", "FIRST PROMPT"],
                conversations.Select(c => (IReadOnlyList<string>)
                [
                    c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + (c.ParentId is { } p ? $" (from {p})" : ""),
                    c.Updated.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    c.Mode,
                    string.Join(", ", c.Targets),
                    c.Turns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Shorten(ConsoleText.OneLine(c.FirstPrompt), 60),
                ])));
            return Task.FromResult(ExitCodes.Success);
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
