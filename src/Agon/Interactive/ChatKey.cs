namespace Agon.Interactive;

/// <summary>One row of <see cref="ChatKeys"/>: an action, its keys (Terminal.Gui spelling), what it does, and its status-bar word.</summary>
internal sealed record ChatKey(ChatAction Action, IReadOnlyList<string> Keys, string Description, string? Display = null, string? InStatusBar = null)
{
    /// <summary>
    /// The same keys as a real terminal delivers them through Terminal.Gui's ANSI driver, bound too but not shown:
    /// Ctrl+J is a line feed, read as Ctrl+Enter; Alt+Enter is ESC CR, read as Ctrl+Alt+M (seen in tmux and xterm).
    /// </summary>
    public IReadOnlyList<string> Arrives { get; init; } = [];

    /// <summary>Every spelling the screen binds.</summary>
    public IEnumerable<string> Bound => Keys.Concat(Arrives);

    /// <summary>The keys as the help shows them.</summary>
    public IEnumerable<string> Shown => Display is { } d ? [d] : Keys;
}
