namespace Agon.Conversations;

/// <summary><c>agon history show ID --json</c>: the members of its <see cref="ConversationSummaryJson"/>, then the system prompt and every message.</summary>
internal sealed record ConversationDocumentJson(
    long Id, string Created, string Updated, string Mode, IReadOnlyList<string> Targets, string FirstPrompt, int Turns, long? Parent,
    string? System, IReadOnlyList<ConversationMessageJson> Messages)
{
    public static ConversationDocumentJson From(Conversation conversation)
    {
        var s = ConversationSummaryJson.From(conversation.Summary);
        return new(s.Id, s.Created, s.Updated, s.Mode, s.Targets, s.FirstPrompt, s.Turns, s.Parent,
            conversation.System, [.. conversation.Turns.Select(ConversationMessageJson.From)]);
    }
}
