namespace Agon.Chat;

/// <summary>
/// Reference text retrieved for a turn (<c>--rag</c>): agon's CONTEXT block and the files it was cut from. The
/// engine sends it before the prompt and names the files on each outcome; a conversation keeps the prompt alone.
/// </summary>
internal sealed record ChatContext(string Text, IReadOnlyList<string> Files);
