namespace Agon.Interactive;

/// <summary>One row of <see cref="ChatKeys"/>: an action, its keys (Terminal.Gui spelling), what it does, and its status-bar word.</summary>
internal sealed record ChatKey(ChatAction Action, IReadOnlyList<string> Keys, string Description, string? Display = null, string? InStatusBar = null)
{
    /// <summary>The keys as the help shows them.</summary>
    public IEnumerable<string> Shown => Display is { } d ? [d] : Keys;
}
