using Agon.Rag;

namespace Agon.Tests.Rag;

public sealed class RagChunkerTests
{
    private static string Words(int count, int from = 0) => string.Join(' ', Enumerable.Range(from, count).Select(i => $"w{i}"));

    [Fact]
    public void NoSentenceEnds_WindowsOfSize_StepSizeMinusOverlap_AsAgon()
    {
        var chunks = RagChunker.Chunk(Words(25), size: 10, overlap: 3);

        Assert.Equal([(0, 10), (7, 10), (14, 10), (21, 4)], chunks.Select(c => (c.WordOffset, c.Words)));
        Assert.Equal(Words(10), chunks[0].Text);
        Assert.Equal(Words(10, 7), chunks[1].Text);
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void ExactlyOneWindow_OneChunk_NoTrailingOverlapChunk()
    {
        var chunks = RagChunker.Chunk(Words(10), size: 10, overlap: 5);

        Assert.Equal((0, 10), (Assert.Single(chunks).WordOffset, chunks[0].Words));
    }

    [Fact]
    public void ShorterThanOneChunk_OneChunk_WhitespaceCollapsed()
    {
        var chunk = Assert.Single(RagChunker.Chunk("  Hello\tworld,\n\n  again  ", size: 200, overlap: 20));

        Assert.Equal(new RagChunk(0, 0, 3, "Hello world, again"), chunk);
    }

    [Fact]
    public void EmptyOrWhitespace_NoChunks()
    {
        Assert.Empty(RagChunker.Chunk("", 10, 0));
        Assert.Empty(RagChunker.Chunk(" \n\t ", 10, 0));
    }

    [Fact]
    public void SentenceEndInSecondHalf_CutThere_NextStartsOverlapBefore()
    {
        // 7 words, a full stop, then 8 more: the window of 10 ends after "end." (word 7).
        var text = "one two three four five six end. eight nine ten eleven twelve thirteen fourteen fifteen";

        var chunks = RagChunker.Chunk(text, size: 10, overlap: 2);

        Assert.Equal("one two three four five six end.", chunks[0].Text);
        Assert.Equal((5, "six end. eight nine ten eleven twelve thirteen fourteen fifteen"), (chunks[1].WordOffset, chunks[1].Text));
        Assert.Equal(2, chunks.Count);
    }

    [Fact]
    public void ParagraphEndPreferredOverALaterSentenceEnd()
    {
        var text = "a b c d e f.\n\ng h. i j k l m n o p";

        var chunks = RagChunker.Chunk(text, size: 10, overlap: 0);

        Assert.Equal("a b c d e f.", chunks[0].Text);
        Assert.Equal(6, chunks[1].WordOffset);
    }

    [Fact]
    public void SentenceEndInFirstHalf_Ignored_FullWindow()
    {
        var text = "a. b c d e f g h i j k l";

        var chunks = RagChunker.Chunk(text, size: 10, overlap: 0);

        Assert.Equal(10, chunks[0].Words);
    }

    [Fact]
    public void Unicode_WordsAndFullStops_KeptWhole()
    {
        var text = "Größe naïve café 東京は大きい。 emoji 🎉🎉 ok\u00A0nbsp «fin.» after words here and more";

        var chunks = RagChunker.Chunk(text, size: 8, overlap: 1);

        Assert.Equal("Größe naïve café 東京は大きい。", chunks[0].Text);
        Assert.Equal((3, "東京は大きい。 emoji 🎉🎉 ok nbsp «fin.»"), (chunks[1].WordOffset, chunks[1].Text));
        Assert.Equal((8, "«fin.» after words here and more"), (chunks[2].WordOffset, chunks[2].Text));
        Assert.Equal(3, chunks.Count);
    }

    [Fact]
    public void QuoteAfterTheFullStop_StillASentenceEnd()
    {
        var chunks = RagChunker.Chunk("a b c d e f \"said so.\" g h i j k", size: 10, overlap: 0);

        Assert.Equal("a b c d e f \"said so.\"", chunks[0].Text);
    }
}
