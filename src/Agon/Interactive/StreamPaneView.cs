using System.Drawing;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Agon.Interactive;

/// <summary>
/// A read-only pane that draws a <see cref="ChatPane"/>'s buffer: only the visible lines, wrapped to the pane's
/// width by the buffer (which re-wraps only what changed), following the tail while scrolled to the bottom.
/// </summary>
internal sealed class StreamPaneView : View
{
    private readonly ChatSession _session;
    private readonly ChatPane _pane;
    private readonly Func<bool> _showReasoning;
    private int _drawnVersion = -1;

    public StreamPaneView(ChatSession session, ChatPane pane, Func<bool> showReasoning)
    {
        _session = session;
        _pane = pane;
        _showReasoning = showReasoning;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill(1);
    }

    public PaneScroll Scroll { get; } = new();

    /// <summary>True when the buffer changed since the last draw.</summary>
    public bool Stale
    {
        get
        {
            lock (_session.Gate)
            {
                return _pane.Buffer.Version != _drawnVersion;
            }
        }
    }

    /// <summary>PgUp/PgDn (a page less one line), Home, End.</summary>
    public void ScrollPage(int pages) => WithLines((lines, height) => Scroll.ScrollBy(lines, height, pages * Math.Max(1, height - 1)));

    public void ScrollHome() => WithLines(Scroll.Home);

    public void ScrollEnd() => WithLines(Scroll.End);

    /// <summary>
    /// Every row is drawn in full (its text, then spaces to the width), so the viewport is not cleared first: that
    /// would fill each cell twice per redraw, and Terminal.Gui measures every cell it fills.
    /// </summary>
    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var height = Viewport.Height;
        lock (_session.Gate)
        {
            var lines = _pane.Buffer.Layout(width, _showReasoning());
            _drawnVersion = _pane.Buffer.Version;
            Scroll.Fit(lines, height);
            for (var row = 0; row < height; row++)
            {
                var index = Scroll.Top + row;
                var line = index < lines.Count ? lines[index] : default;
                var attribute = GetAttributeForRole(line.Kind switch
                {
                    StreamBlockKind.Reasoning or StreamBlockKind.Note => VisualRole.Disabled,
                    StreamBlockKind.Prompt => VisualRole.HotNormal,
                    StreamBlockKind.Error => VisualRole.Highlight,
                    _ => VisualRole.Normal,
                });
                SetAttribute(attribute);
                var text = line.Text ?? "";
                if (!OnScreen(row, text, width, attribute))
                {
                    // Lines are wrapped to the width in cells; the rest of the row is cleared.
                    AddStr(0, row, text + new string(' ', Math.Max(0, width - CellWidth.Of(text))));
                }
            }
        }

        return true;
    }

    /// <summary>
    /// True when the screen buffer already holds this row as drawn: plain ASCII text padded with spaces to the width,
    /// in this attribute. Terminal.Gui marks every cell it is given as changed and writes it to the terminal again,
    /// so while an answer streams, redrawing every row of the pane for each token rewrote the whole pane; only the
    /// rows that changed are drawn now. Whatever covered the row (a dialog, a resize, a cleared screen) makes the
    /// cells differ, and the row is drawn again. A row with other text (wide or combining characters) is always drawn.
    /// </summary>
    private bool OnScreen(int row, string text, int width, global::Terminal.Gui.Drawing.Attribute attribute)
    {
        if (App?.Driver?.Contents is not { } cells || text.Length > width)
        {
            return false;
        }

        var origin = ViewportToScreen(new Point(0, row));
        if (origin.Y < 0 || origin.Y >= cells.GetLength(0) || origin.X < 0 || origin.X + width > cells.GetLength(1))
        {
            return false;
        }

        for (var col = 0; col < width; col++)
        {
            var c = col < text.Length ? text[col] : ' ';
            var cell = cells[origin.Y, origin.X + col];
            if (c is < ' ' or > '~' || cell.Attribute != attribute || cell.Grapheme is not { Length: 1 } grapheme || grapheme[0] != c)
            {
                return false;
            }
        }

        return true;
    }

    private void WithLines(Action<IReadOnlyList<StreamLine>, int> action)
    {
        lock (_session.Gate)
        {
            action(_pane.Buffer.Layout(Viewport.Width, _showReasoning()), Viewport.Height);
        }

        SetNeedsDraw();
    }
}
