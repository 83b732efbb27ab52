namespace Agon.Conversations;

/// <summary>What a new conversation records before its first turn.</summary>
internal sealed record ConversationStart(string Mode, IReadOnlyList<string> Targets, string? System = null, long? ParentId = null);
