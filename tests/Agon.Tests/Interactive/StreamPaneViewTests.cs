using System.Drawing;
using Agon.Chat;
using Agon.Interactive;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using static Agon.Tests.Interactive.ScreenScript;

namespace Agon.Tests.Interactive;

/// <summary>
/// What a pane sends to the terminal on a redraw. Terminal.Gui marks every cell a view writes as changed and writes
/// it out again, so the pane writes only the rows whose text or colour differs from the screen buffer. These tests
/// draw without forcing (a forced draw starts from a cleared buffer, as the screen script's ticks do) and read the
/// buffer's changed-cell marks.
/// </summary>
[Collection(nameof(TerminalScreens))]
public sealed class StreamPaneViewTests
{
    [Fact]
    public void ARedrawWithNothingNew_WritesNoCellOfThePane_ANewTokenWritesOnlyItsRow()
    {
        AfterAnswer([.. Enumerable.Range(10, 40).Select(i => $"line{i}\n"), "last"], "last",
            (app, screen, session) =>
            {
                var (pane, area) = Pane(screen);
                var cells = app.Driver!.Contents!;
                Assert.Empty(Redraw(app, pane, area));

                lock (session.Gate)
                {
                    session.Panes[0].Buffer.Append(StreamBlockKind.Answer, " word");
                }

                var row = Assert.Single(Redraw(app, pane, area));
                Assert.EndsWith("last word", RowText(cells, row, area).TrimEnd(), StringComparison.Ordinal);
                return true;
            });
    }

    [Fact]
    public void ARowOverwrittenOnScreen_IsDrawnAgainOnTheNextRedraw()
    {
        AfterAnswer([.. Enumerable.Range(10, 40).Select(i => $"line{i}\n")], "line49",
            (app, screen, _) =>
            {
                var (pane, area) = Pane(screen);
                var cells = app.Driver!.Contents!;
                Assert.Empty(Redraw(app, pane, area));
                var damaged = area.Y + 3;
                var before = RowText(cells, damaged, area);
                for (var x = area.X; x < area.Right; x++)
                {
                    cells[damaged, x].Grapheme = "X";
                }

                Assert.Equal([damaged], Redraw(app, pane, area));
                Assert.Equal(before, RowText(cells, damaged, area));
                Assert.DoesNotContain("XXXX", app.Driver.ToString(), StringComparison.Ordinal);
                return true;
            });
    }

    [Fact]
    public void CtrlL_SendsTheWholeScreenAgain()
    {
        // Text another program wrote over the terminal is not in Terminal.Gui's buffer, so no row differs from it.
        AfterAnswer(["an answer"], "an answer",
            (app, _, _) =>
            {
                Assert.False(app.ClearScreenNextIteration);
                Assert.True(app.Keyboard.RaiseKeyDownEvent(Key.L.WithCtrl));
                Assert.True(app.ClearScreenNextIteration);
                return true;
            });
        Assert.Matches(@"(?m)^Ctrl\+L +redraw the whole screen$", ChatKeys.Help());
    }

    /// <summary>One pane on an 80×24 screen: sends "hi", waits for the answer (<paramref name="script"/>) to be done and to show <paramref name="shown"/>, then runs <paramref name="then"/>.</summary>
    private static void AfterAnswer(string[] script, string shown, Func<IApplication, ChatScreen, ChatSession, bool> then)
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = script;
        using var session = new ChatSession(new ChatEngine(TimeProvider.System), new ChatRequest { Prompt = "", Mode = ChatMode.Single }, [new ChatTarget(host, "a")]);
        Run(session, new ChatScreenOptions("agon test", new TargetCatalog([host])), 80, 24,
            (app, _, _) => Type(app, "hi") && Press(app, Key.Enter),
            (_, _, text) => text.Contains("· done", StringComparison.Ordinal) && text.Contains(shown, StringComparison.Ordinal),
            (app, screen, _) => then(app, screen, session));
    }

    private static (View Pane, Rectangle Area) Pane(View screen)
    {
        var pane = All(screen).OfType<StreamPaneView>().Single();
        return (pane, pane.ViewportToScreen(pane.Viewport with { Location = Point.Empty }));
    }

    private static IEnumerable<View> All(View view) => view.SubViews.SelectMany(v => All(v).Prepend(v));

    /// <summary>
    /// Marks every cell as sent, asks the pane to draw, draws without forcing, and returns the pane's rows with cells
    /// marked to send, read as the pane finishes drawing (sending them to the terminal clears the marks).
    /// </summary>
    private static List<int> Redraw(IApplication app, View pane, Rectangle area)
    {
        var cells = app.Driver!.Contents!;
        for (var y = 0; y < cells.GetLength(0); y++)
        {
            for (var x = 0; x < cells.GetLength(1); x++)
            {
                cells[y, x].IsDirty = false;
            }
        }

        List<int>? changed = null;
        void Drawn(object? sender, DrawEventArgs e) => changed = ChangedRows(cells, area);
        pane.DrawComplete += Drawn;
        pane.SetNeedsDraw();
        app.LayoutAndDraw();
        pane.DrawComplete -= Drawn;
        return changed ?? throw new InvalidOperationException("the pane did not draw");
    }

    /// <summary>
    /// The rows with cells marked to send, leaving out each row's first cell: Terminal.Gui redraws the frame's border
    /// on every pass and marks the cell right of each border cell it writes.
    /// </summary>
    private static List<int> ChangedRows(Cell[,] cells, Rectangle area) =>
        [.. Enumerable.Range(area.Y, area.Height).Where(y => Enumerable.Range(area.X + 1, area.Width - 1).Any(x => cells[y, x].IsDirty))];

    private static string RowText(Cell[,] cells, int row, Rectangle area) =>
        string.Concat(Enumerable.Range(area.X, area.Width).Select(x => cells[row, x].Grapheme));
}
