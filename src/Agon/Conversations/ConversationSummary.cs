namespace Agon.Conversations;

/// <summary>One line of <c>agon history</c>.</summary>
internal sealed record ConversationSummary(
    long Id, DateTimeOffset Created, DateTimeOffset Updated, string Mode, IReadOnlyList<string> Targets, string FirstPrompt, int Turns, long? ParentId);
