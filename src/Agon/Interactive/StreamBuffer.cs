using System.Globalization;
using System.Text;

namespace Agon.Interactive;

/// <summary>
/// A pane's text: an append-only list of blocks (prompt, reasoning, answer, notes), and its lines wrapped to a
/// width. Appending re-wraps only the end of the last block: from the next-to-last line of its unfinished
/// paragraph, since greedy wrapping never changes a line once the text after it no longer fits on it (the line
/// before the last is wrapped again too, as a character at the very end can still grow into a wider cluster). The
/// lines before stay as they were, so a long answer without newlines costs the same per token as a short one. A
/// new width or the reasoning toggle re-wraps everything once. Not thread-safe: the owner locks.
/// </summary>
internal sealed class StreamBuffer
{
    private readonly List<Block> _blocks = [];
    private readonly List<StreamLine> _lines = [];
    private int _width = -1;
    private bool _showReasoning = true;

    /// <summary>Changes on every append, so a screen knows when to redraw.</summary>
    public int Version { get; private set; }

    public int BlockCount => _blocks.Count;

    /// <summary>Characters re-wrapped since the buffer was created (for tests and benchmarks of the incremental wrap).</summary>
    public long WrappedCharacters { get; private set; }

    public void Append(StreamBlockKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_blocks.Count == 0 || _blocks[^1].Kind != kind || kind is StreamBlockKind.Note or StreamBlockKind.Error or StreamBlockKind.Prompt)
        {
            _blocks.Add(new Block(kind));
        }

        _blocks[^1].Text.Append(Clean(text));
        Version++;
    }

    public void Clear()
    {
        _blocks.Clear();
        _lines.Clear();
        _width = -1;
        Version++;
    }

    /// <summary>The text of every block of a kind, in order (tests, exports).</summary>
    public string TextOf(StreamBlockKind kind) => string.Concat(_blocks.Where(b => b.Kind == kind).Select(b => b.Text.ToString()));

    /// <summary>The lines at <paramref name="width"/> columns; with reasoning hidden, each reasoning block is one summary line.</summary>
    public IReadOnlyList<StreamLine> Layout(int width, bool showReasoning)
    {
        width = Math.Max(1, width);
        if (width != _width || showReasoning != _showReasoning)
        {
            _width = width;
            _showReasoning = showReasoning;
            _lines.Clear();
            foreach (var block in _blocks)
            {
                block.Reset();
            }
        }

        // Blocks before the first changed one keep their lines.
        var first = _blocks.FindIndex(b => b.WrappedLength != b.Text.Length || b.Start < 0);
        if (first < 0)
        {
            return _lines;
        }

        for (var i = first; i < _blocks.Count; i++)
        {
            var block = _blocks[i];
            if (i > first)
            {
                block.Reset();
            }

            if (block.Start < 0)
            {
                block.Start = _lines.Count;
            }

            Wrap(block, i);
        }

        return _lines;
    }

    private void Wrap(Block block, int index)
    {
        if (block.Kind == StreamBlockKind.Reasoning && !_showReasoning)
        {
            _lines.RemoveRange(block.Start, _lines.Count - block.Start);
            _lines.Add(new StreamLine($"▸ reasoning ({block.Text.Length} characters; Ctrl+T shows it)", StreamBlockKind.Reasoning, index, 0));
            block.WrappedLength = block.Text.Length;
            return;
        }

        // Lines of finished paragraphs stay, and the settled lines of the last one; the rest is wrapped again.
        _lines.RemoveRange(block.Start + block.ResumeLines, _lines.Count - (block.Start + block.ResumeLines));
        var text = block.Text;
        var lineStart = block.ResumeChars;
        for (var i = block.ResumeChars; i <= text.Length; i++)
        {
            var end = i == text.Length;
            if (!end && text[i] != '\n')
            {
                continue;
            }

            WrapParagraph(text, lineStart, i, block.Kind, index);
            WrappedCharacters += i - lineStart;
            if (!end)
            {
                lineStart = i + 1;
                block.StableChars = block.ResumeChars = lineStart;
                block.StableLines = block.ResumeLines = _lines.Count - block.Start;
            }
        }

        // The unfinished paragraph resumes from its next-to-last line; all lines before that are settled.
        var paragraphLines = _lines.Count - (block.Start + block.StableLines);
        if (paragraphLines >= 3)
        {
            block.ResumeLines = _lines.Count - 2 - block.Start;
            block.ResumeChars = _lines[^2].Offset;
        }
        else
        {
            block.ResumeLines = block.StableLines;
            block.ResumeChars = block.StableChars;
        }

        block.WrappedLength = text.Length;
    }

    /// <summary>
    /// Greedy word wrap of <c>text[start..end)</c> to the width in terminal cells (a CJK character or an emoji takes
    /// two, a combining mark none, and a character is never split from its marks); a word wider than the pane is cut.
    /// </summary>
    private void WrapParagraph(StringBuilder text, int start, int end, StreamBlockKind kind, int block)
    {
        if (start == end)
        {
            _lines.Add(new StreamLine("", kind, block, start));
            return;
        }

        var paragraph = text.ToString(start, end - start);
        var single = CellWidth.AllSingle(paragraph);
        var lineStart = 0;
        while (lineStart < paragraph.Length)
        {
            if (single && paragraph.Length - lineStart <= _width)
            {
                _lines.Add(new StreamLine(paragraph[lineStart..], kind, block, start + lineStart));
                return;
            }

            // Take characters while they fit; remember the last space to break at.
            var i = lineStart;
            var cells = 0;
            var space = -1;
            var length = 1;
            while (i < paragraph.Length)
            {
                length = single ? 1 : StringInfo.GetNextTextElementLength(paragraph, i);
                var width = single ? 1 : CellWidth.OfCluster(paragraph.AsSpan(i, length));
                if (cells + width > _width)
                {
                    break;
                }

                if (paragraph[i] == ' ')
                {
                    space = i;
                }

                cells += width;
                i += length;
            }

            if (i >= paragraph.Length)
            {
                _lines.Add(new StreamLine(paragraph[lineStart..], kind, block, start + lineStart));
                return;
            }

            if (paragraph[i] == ' ')
            {
                _lines.Add(new StreamLine(paragraph[lineStart..i], kind, block, start + lineStart));
                lineStart = i + 1;
            }
            else if (space > lineStart)
            {
                _lines.Add(new StreamLine(paragraph[lineStart..space], kind, block, start + lineStart));
                lineStart = space + 1;
            }
            else
            {
                // A word wider than the pane is cut; a character wider than the pane still takes a line of its own.
                var cut = i == lineStart ? i + length : i;
                _lines.Add(new StreamLine(paragraph[lineStart..cut], kind, block, start + lineStart));
                lineStart = cut;
            }
        }
    }

    /// <summary>Model text reaches a terminal cell by cell: control characters (escape sequences among them) become spaces.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(c => c < ' ' && c != '\n'))
        {
            return text;
        }

        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            b.Append(c == '\t' ? "    " : c is < ' ' and not '\n' ? " " : c.ToString());
        }

        return b.ToString();
    }

    private sealed class Block(StreamBlockKind kind)
    {
        public StreamBlockKind Kind { get; } = kind;

        public StringBuilder Text { get; } = new();

        /// <summary>The first line of this block in the layout; -1 before it is laid out.</summary>
        public int Start { get; set; } = -1;

        public int WrappedLength { get; set; } = -1;

        /// <summary>Characters of finished paragraphs, whose <see cref="StableLines"/> lines need no new wrap.</summary>
        public int StableChars { get; set; }

        public int StableLines { get; set; }

        /// <summary>Where the next wrap starts: a line start inside the unfinished paragraph (or its start), and its line.</summary>
        public int ResumeChars { get; set; }

        public int ResumeLines { get; set; }

        public void Reset()
        {
            Start = -1;
            WrappedLength = -1;
            StableChars = 0;
            StableLines = 0;
            ResumeChars = 0;
            ResumeLines = 0;
        }
    }
}
