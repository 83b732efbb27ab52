namespace Agon.Interactive;

/// <summary>What the chat screen needs besides the session: its title, the picker's hosts, and the pipeline export (returns the notice).</summary>
internal sealed record ChatScreenOptions(string Title, TargetCatalog Catalog, Func<ChatSession, string>? Export = null);
