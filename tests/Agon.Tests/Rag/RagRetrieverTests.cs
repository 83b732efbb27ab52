using Agon.Rag;

namespace Agon.Tests.Rag;

public sealed class RagRetrieverTests
{
    private static RagRetriever Retriever(params float[][] vectors) =>
        RagRetriever.FromVectors(null, vectors[0].Length, vectors, [.. vectors.Select((_, i) => ($"doc{i}.md", new RagChunk(0, i * 10, 10, $"text {i}")))]);

    [Fact]
    public void Cosine_OrderByAngle_NotLength_TopK()
    {
        var retriever = Retriever(
            [10f, 0f, 0f],   // same direction, long
            [0f, 1f, 0f],    // orthogonal
            [1f, 1f, 0f],    // 45 degrees
            [-1f, 0f, 0f],   // opposite
            [1f, 0.1f, 0f]); // nearly the same

        var hits = retriever.Search([1f, 0f, 0f], 3, RagSimilarity.Cosine);

        Assert.Equal(["doc0.md", "doc4.md", "doc2.md"], hits.Select(h => h.Path));
        Assert.Equal([1, 2, 3], hits.Select(h => h.Rank));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(0.70710677f, hits[2].Score, 5);
    }

    [Fact]
    public void Dot_LengthCounts()
    {
        var retriever = Retriever([10f, 0f], [1f, 1f], [2f, 0f]);

        var hits = retriever.Search([1f, 0f], 4, RagSimilarity.Dot);

        Assert.Equal([("doc0.md", 10f), ("doc2.md", 2f), ("doc1.md", 1f)], hits.Select(h => (h.Path, h.Score)));
    }

    [Fact]
    public void EqualScores_EarlierChunkFirst()
    {
        var retriever = Retriever([1f, 0f], [0f, 1f], [1f, 0f], [1f, 0f]);

        var hits = retriever.Search([1f, 0f], 2, RagSimilarity.Cosine);

        Assert.Equal(["doc0.md", "doc2.md"], hits.Select(h => h.Path));
    }

    [Fact]
    public void ZeroVector_ScoresZero_NotNaN()
    {
        var retriever = Retriever([0f, 0f], [1f, 0f]);

        var hits = retriever.Search([1f, 0f], 2, RagSimilarity.Cosine);

        Assert.Equal([1f, 0f], hits.Select(h => h.Score));
    }

    [Fact]
    public void QueryOfAnotherDimension_SaysRebuild()
    {
        var error = Assert.Throws<AgonException>(() => Retriever([1f, 0f, 0f]).Search([1f, 0f], 4, RagSimilarity.Cosine));

        Assert.Equal("the query vector has 2 dimensions, the index 3: it was built with another model; run agon rag index --rebuild", error.Message);
    }

    [Fact]
    public void ContextBlock_AgonShape_CutToTheWordBudget()
    {
        RagHit Hit(int rank, string path, string text) => new(rank, 1f, path, new RagChunk(0, 0, text.Split(' ').Length, text));
        var hits = new[] { Hit(1, "a.md", "one two three"), Hit(2, "b/c.md", "four five six"), Hit(3, "a.md", "seven eight") };

        var all = RagContextBlock.Build(hits, 0);
        var cut = RagContextBlock.Build(hits, 5);

        Assert.Equal("CONTEXT\n[doc:a.md] one two three\n[doc:b/c.md] four five six\n[doc:a.md] seven eight", all.Text);
        Assert.Equal((8, 2), (all.Words, all.SourceCoverage));
        Assert.Equal("CONTEXT\n[doc:a.md] one two three\n[doc:b/c.md] four five", cut.Text);
        Assert.Equal((5, 2), (cut.Words, cut.SourceCoverage));
        Assert.Equal(["a.md", "b/c.md"], cut.Files);
        Assert.Equal("CONTEXT\n[doc:a.md] one two three\n[doc:b/c.md] four five\n\nWhat?", cut.Augment("What?"));
        Assert.Equal("Be brief.\n" + RagContextBlock.SystemLine, RagContextBlock.AugmentSystem("Be brief."));
    }
}
