namespace Agon.Interactive;

/// <summary>
/// Where a pane is scrolled to. It follows the tail while the view is at the bottom (a user who scrolled up is not
/// pulled down); otherwise it keeps its top line, by its place in the text, across new text and
/// new widths (a resize keeps what the user was reading on screen).
/// </summary>
internal sealed class PaneScroll
{
    private (int Block, int Offset) _anchor;

    public bool Follow { get; private set; } = true;

    public int Top { get; private set; }

    /// <summary>Places the view over <paramref name="lines"/> for a pane <paramref name="height"/> rows high; call before drawing.</summary>
    public void Fit(IReadOnlyList<StreamLine> lines, int height)
    {
        var bottom = Math.Max(0, lines.Count - height);
        if (Follow)
        {
            Top = bottom;
            return;
        }

        var top = 0;
        while (top < lines.Count && (lines[top].Block, lines[top].Offset).CompareTo(_anchor) < 0)
        {
            top++;
        }

        Top = Math.Clamp(top, 0, bottom);
    }

    public void ScrollBy(IReadOnlyList<StreamLine> lines, int height, int delta) => ScrollTo(lines, height, Top + delta);

    public void Home(IReadOnlyList<StreamLine> lines, int height) => ScrollTo(lines, height, 0);

    public void End(IReadOnlyList<StreamLine> lines, int height) => ScrollTo(lines, height, int.MaxValue);

    private void ScrollTo(IReadOnlyList<StreamLine> lines, int height, int top)
    {
        var bottom = Math.Max(0, lines.Count - height);
        Top = (int)Math.Clamp((long)top, 0, bottom);
        Follow = Top >= bottom;
        if (!Follow && lines.Count > 0)
        {
            _anchor = (lines[Top].Block, lines[Top].Offset);
        }
    }
}
