using System.Globalization;
using System.Text;
using Agon.Terminal;

namespace Agon.Conversations;

/// <summary><c>agon history show ID --markdown</c>: the conversation as a Markdown document.</summary>
internal static class ConversationMarkdown
{
    public static string Write(Conversation conversation)
    {
        var s = conversation.Summary;
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"# Conversation {s.Id}\n\n");
        b.Append(CultureInfo.InvariantCulture, $"- started: {s.Created:yyyy-MM-dd HH:mm} UTC\n- mode: {s.Mode}\n- targets: {string.Join(", ", s.Targets)}\n");
        if (s.ParentId is { } parent)
        {
            b.Append(CultureInfo.InvariantCulture, $"- forked from: {parent}\n");
        }

        if (conversation.System is { } system)
        {
            b.Append(CultureInfo.InvariantCulture, $"- system prompt: {ConsoleText.OneLine(system)}\n");
        }

        foreach (var turn in conversation.Turns)
        {
            if (turn.Role == ConversationRole.User)
            {
                b.Append("\n## You\n\n").Append(turn.Text.TrimEnd()).Append('\n');
                continue;
            }

            b.Append("\n## ").Append(turn.Stage is { } stage ? $"Stage {stage}: " : "").Append(turn.Target).Append('\n');
            if (turn.System is { } asked && asked != conversation.System)
            {
                b.Append("\n*system prompt: ").Append(ConsoleText.OneLine(asked)).Append("*\n");
            }

            if (turn.Reasoning is { Length: > 0 } reasoning)
            {
                b.Append("\n<details><summary>reasoning</summary>\n\n").Append(reasoning.TrimEnd()).Append("\n\n</details>\n");
            }

            b.Append('\n').Append(turn.Text.TrimEnd()).Append('\n');
            if (Status(turn) is { } status)
            {
                b.Append("\n*").Append(status).Append("*\n");
            }
        }

        return b.ToString();
    }

    /// <summary>The line under an answer: cancelled, failed, or its metrics.</summary>
    public static string? Status(ConversationTurn turn)
    {
        if (turn.Cancelled)
        {
            return "cancelled";
        }

        if (turn.Error is { } error)
        {
            return "error: " + error;
        }

        var metrics = MetricsSummary.Format(turn.Metrics);
        return metrics.Length > 0 ? metrics : null;
    }
}
