namespace Agon.Chat;

/// <summary>The document <c>chat --output json</c> prints: the mode, the prompt and one result per target.</summary>
internal sealed record ChatRunJson(string Mode, string Prompt, IReadOnlyList<ChatOutcomeJson> Results);
