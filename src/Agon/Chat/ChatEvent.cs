namespace Agon.Chat;

/// <summary>Something that happened during a chat run, for front ends to show as it happens.</summary>
internal readonly record struct ChatEvent(ChatEventKind Kind, ChatTarget Target, int? Stage = null, string? Text = null, bool Reasoning = false, ChatOutcome? Outcome = null, Mcp.ToolActivity? Tool = null);
