using Microsoft.Extensions.AI;

namespace Agon.Conversations;

/// <summary>A stored conversation with its turns, oldest first.</summary>
internal sealed record Conversation(ConversationSummary Summary, string? System, IReadOnlyList<ConversationTurn> Turns)
{
    public long Id => Summary.Id;

    /// <summary>
    /// What to send <paramref name="target"/> before the next prompt: every prompt, each followed by the answer
    /// <paramref name="target"/> gave, else (a fork, a target added later) the first complete answer to it. Failed and
    /// cancelled answers are not sent back; a prompt left without any answer is still sent, so the order is kept.
    /// </summary>
    public List<ChatMessage> HistoryFor(string target)
    {
        var messages = new List<ChatMessage>();
        for (var i = 0; i < Turns.Count; i++)
        {
            if (Turns[i].Role != ConversationRole.User)
            {
                continue;
            }

            messages.Add(new ChatMessage(ChatRole.User, Turns[i].Text));
            var answers = Turns.Skip(i + 1).TakeWhile(t => t.Role == ConversationRole.Assistant).Where(t => t.Complete).ToList();
            var answer = answers.LastOrDefault(a => string.Equals(a.Target, target, StringComparison.Ordinal)) ?? answers.FirstOrDefault();
            if (answer is not null)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, answer.Text));
            }
        }

        return messages;
    }
}
