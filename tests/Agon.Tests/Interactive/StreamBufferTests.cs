using Agon.Interactive;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Interactive;

/// <summary>The streaming pane's buffer, scroll and redraw timer, without a terminal.</summary>
public sealed class StreamBufferTests
{
    private static string[] Texts(IReadOnlyList<StreamLine> lines) => [.. lines.Select(l => l.Text)];

    [Fact]
    public void Layout_WrapsAtWordsAndCutsLongWords_EachBlockOnItsOwnLines()
    {
        var buffer = new StreamBuffer();
        buffer.Append(StreamBlockKind.Prompt, "> hi");
        buffer.Append(StreamBlockKind.Answer, "the quick brown fox\njumps over abcdefghijkl");

        Assert.Equal(["> hi", "the quick", "brown fox", "jumps over", "abcdefghij", "kl"], Texts(buffer.Layout(10, showReasoning: true)));
    }

    [Fact]
    public void Layout_CountsTerminalCells_WideCharactersTwo_CombiningMarksNone()
    {
        var buffer = new StreamBuffer();
        // Six CJK characters are twelve cells; two emoji are four; "e" + U+0301 is one cell and never split.
        buffer.Append(StreamBlockKind.Answer, "日本語の文章\n😀😀 ok\ncafe\u0301 cafe\u0301 cafe\u0301");

        var lines = Texts(buffer.Layout(5, showReasoning: true));

        Assert.Equal(["日本", "語の", "文章", "😀😀", "ok", "cafe\u0301", "cafe\u0301", "cafe\u0301"], lines);
        Assert.All(lines, l => Assert.True(CellWidth.Of(l) <= 5, l));
        Assert.Equal((12, 4, 4, 1), (CellWidth.Of("日本語の文章"), CellWidth.Of("😀😀"), CellWidth.Of("cafe\u0301"), CellWidth.Of("\u2764\uFE0F") - 1));
    }

    [Fact]
    public void Layout_AStreamedCharacterArrivingInPieces_IsWrappedWhole()
    {
        var buffer = new StreamBuffer();
        var emoji = "😀";
        buffer.Append(StreamBlockKind.Answer, "ab" + emoji[..1]);
        buffer.Layout(3, true);
        buffer.Append(StreamBlockKind.Answer, emoji[1..] + "c");

        Assert.Equal(["ab", emoji + "c"], Texts(buffer.Layout(3, true)));
    }

    [Fact]
    public void Append_RewrapsOnlyTheEndOfTheLastParagraph()
    {
        var buffer = new StreamBuffer();
        buffer.Append(StreamBlockKind.Answer, new string('x', 1000) + "\n");
        buffer.Layout(40, true);
        var before = buffer.WrappedCharacters;

        for (var i = 0; i < 1000; i++)
        {
            var wrapped = buffer.WrappedCharacters;
            buffer.Append(StreamBlockKind.Answer, "tok ");
            buffer.Layout(40, true);

            // Never the first 1000 characters, and of the growing paragraph at most its last two lines and the new text.
            Assert.InRange(buffer.WrappedCharacters - wrapped, 4, (2 * 40) + 4);
        }

        Assert.InRange(buffer.WrappedCharacters - before, 4000, 1000 * ((2 * 40) + 4));
        Assert.Equal(25 + 100, buffer.Layout(40, true).Count);
    }

    public static TheoryData<int, int> Streams => new() { { 1, 7 }, { 2, 10 }, { 3, 1 }, { 4, 24 }, { 5, 3 } };

    /// <summary>However the text arrives, piece by piece with a layout after each, the lines are those of one layout of the whole.</summary>
    [Theory]
    [MemberData(nameof(Streams))]
    public void Append_InPieces_LaysOutAsTheWholeText(int seed, int width)
    {
        var random = new Random(seed);
        string[] pieces = ["the ", "quick ", "brown", " fox ", "日本語", "の", "😀", "cafe", "\u0301", " ", "  ", "\n", "abcdefghijklmnopqrstuvwxyz", "é", "x", "\u200d", "👍"];
        var streamed = new StreamBuffer();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            var piece = pieces[random.Next(pieces.Length)];
            // Split a piece at any UTF-16 unit, as a stream may.
            var cut = random.Next(piece.Length + 1);
            foreach (var part in new[] { piece[..cut], piece[cut..] })
            {
                streamed.Append(StreamBlockKind.Answer, part);
                text.Append(part);
                streamed.Layout(width, true);
            }
        }

        var whole = new StreamBuffer();
        whole.Append(StreamBlockKind.Answer, text.ToString());

        Assert.Equal(whole.Layout(width, true), streamed.Layout(width, true));
    }

    [Fact]
    public void HiddenReasoning_IsOneSummaryLine_ControlCharactersBecomeSpaces()
    {
        var buffer = new StreamBuffer();
        buffer.Append(StreamBlockKind.Reasoning, "think\nthink more");
        buffer.Append(StreamBlockKind.Answer, "a\u001b[31mred");

        Assert.Equal(["think", "think more", "a [31mred"], Texts(buffer.Layout(20, true)));
        Assert.Equal(["▸ reasoning (16 characters; Ctrl+T shows it)", "a [31mred"], Texts(buffer.Layout(60, false)));
    }

    [Fact]
    public void Scroll_FollowsTheTailAtTheBottom_StaysPutWhenScrolledUp_KeepsItsLineAcrossAResize()
    {
        var buffer = new StreamBuffer();
        buffer.Append(StreamBlockKind.Answer, string.Join("\n", Enumerable.Range(0, 30).Select(i => $"line {i} of the answer")));
        var scroll = new PaneScroll();
        var lines = buffer.Layout(40, true);
        scroll.Fit(lines, 10);
        Assert.Equal((20, true), (scroll.Top, scroll.Follow));

        scroll.ScrollBy(lines, 10, -9);
        Assert.Equal((11, false), (scroll.Top, scroll.Follow));
        buffer.Append(StreamBlockKind.Answer, "\nmore");
        lines = buffer.Layout(40, true);
        scroll.Fit(lines, 10);
        Assert.Equal(11, scroll.Top);

        // Narrower: every line wraps in two, and the top line is still "line 11".
        lines = buffer.Layout(10, true);
        scroll.Fit(lines, 10);
        Assert.Equal("line 11 of", lines[scroll.Top].Text);

        scroll.End(lines, 10);
        Assert.True(scroll.Follow);
        buffer.Append(StreamBlockKind.Answer, " and the end");
        lines = buffer.Layout(10, true);
        scroll.Fit(lines, 10);
        Assert.Equal("the end", lines[^1].Text);
        Assert.Equal(lines.Count - 10, scroll.Top);
    }

    [Fact]
    public void Redraw_ManySignalsWithinTheDelay_DrawOnce()
    {
        var clock = new FakeTimeProvider(AgonRunner.Now);
        var draws = 0;
        using var redraw = new CoalescingRedraw(clock, () => draws++);

        for (var i = 0; i < 1000; i++)
        {
            redraw.Notify();
        }

        Assert.Equal(0, draws);
        clock.Advance(CoalescingRedraw.Delay);
        Assert.Equal(1, draws);
        redraw.Notify();
        clock.Advance(CoalescingRedraw.Delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, draws);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, draws);
    }

    [Fact]
    public void KeyTable_GeneratesTheHelp_AndBindsNoPlainLetter()
    {
        var help = ChatKeys.Help();

        Assert.Contains("Alt+Enter, Ctrl+J  new line in the prompt", help, StringComparison.Ordinal);
        Assert.Contains("F2", help, StringComparison.Ordinal);
        Assert.Equal(Enum.GetValues<ChatAction>().Length, ChatKeys.All.Count);
        Assert.DoesNotContain(ChatKeys.All.SelectMany(k => k.Bound), k => k.Length == 1);
    }
}
