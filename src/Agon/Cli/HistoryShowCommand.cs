using System.CommandLine;
using System.Globalization;
using Agon.Conversations;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon history show ID</c>: one conversation as text, JSON or Markdown.</summary>
internal sealed class HistoryShowCommand : AgonCommand
{
    private readonly Argument<string> _id = new("id") { Description = "The conversation (agon history lists them)" };
    private readonly Option<bool> _markdown = new("--markdown") { Description = "Print the conversation as Markdown" };

    public HistoryShowCommand()
        : base("show", "Show one saved conversation")
    {
        Arguments.Add(_id);
        Options.Add(JsonOption);
        Options.Add(_markdown);
    }

    /// <summary>A conversation id as typed: a number, else a usage error naming the argument.</summary>
    public static long ParseId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw AgonException.Usage($"{text}: expected a conversation id, a number (agon history lists them)");

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var id = ParseId(parse.GetValue(_id)!);
        if (context.Console.JsonOutput && parse.GetValue(_markdown))
        {
            throw AgonException.Usage("--json and --markdown: choose one");
        }

        var store = HistoryCommand.Open(context, out var database);
        using (database)
        {
            var conversation = store.Load(id) ?? throw AgonException.Usage($"no conversation {id} in {store.Path} (agon history lists them)");
            var console = context.Console;
            if (context.Console.JsonOutput)
            {
                console.WriteData(JsonText.Write(w => ConversationJson.WriteConversation(w, conversation)));
            }
            else if (parse.GetValue(_markdown))
            {
                console.WriteModelText(ConversationMarkdown.Write(conversation));
                console.EndModelText();
            }
            else
            {
                WriteText(console, conversation);
            }

            return Task.FromResult(ExitCodes.Success);
        }
    }

    private static void WriteText(IAgonConsole console, Conversation conversation)
    {
        var s = conversation.Summary;
        console.WriteLine($"conversation {s.Id} · {s.Mode} · {string.Join(", ", s.Targets)} · {s.Created.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
            + (s.ParentId is { } parent ? $" · forked from {parent}" : ""), TextStyle.Dim);
        if (conversation.System is { } system)
        {
            console.WriteLine("system: " + ConsoleText.OneLine(system), TextStyle.Dim);
        }

        foreach (var turn in conversation.Turns)
        {
            console.WriteLine();
            console.WriteLine(turn.Role == ConversationRole.User ? "you:" : (turn.Stage is { } stage ? $"stage {stage} " : "") + turn.Target + ":", TextStyle.Bold);
            if (turn.Reasoning is { Length: > 0 } reasoning)
            {
                console.WriteModelText(reasoning.TrimEnd() + "\n", style: TextStyle.Dim);
            }

            console.WriteModelText(turn.Text.TrimEnd() + "\n");
            console.EndModelText();
            if (turn.Role == ConversationRole.Assistant && ConversationMarkdown.Status(turn) is { } status)
            {
                console.WriteLine(status, TextStyle.Dim);
            }
        }
    }
}
