namespace Agon.Accuracy;

/// <summary>
/// One pass over the suite. <see cref="RagMode"/> is written into every record as agon's <c>rag_mode</c> when set
/// (agon ran <c>off</c>, then <c>on</c>); <see cref="Retrieve"/> is the seam a retrieval step plugs into: given a
/// test, it returns the prompt to send and the RAG fields. A plain run is one pass without either.
/// </summary>
internal sealed record AccuracyPass(string? RagMode = null, Func<AccuracyTest, CancellationToken, Task<AccuracyRetrieval>>? Retrieve = null)
{
    public static AccuracyPass Plain { get; } = new();

    /// <summary>
    /// agon's RAG comparison: every test without retrieval (<c>rag_mode: off</c>), then with the context the index
    /// gives for its prompt (<c>on</c>), the CONTEXT block before the prompt as agon sent it.
    /// </summary>
    public static IReadOnlyList<AccuracyPass> OffThenOn(Rag.RagSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return
        [
            new("off"),
            new("on", async (test, cancellationToken) =>
            {
                var retrieval = await session.RetrieveAsync(test.Prompt, cancellationToken);
                var context = retrieval.Context;
                return new AccuracyRetrieval(context.Augment(test.Prompt), retrieval.RetrievalMs, context.Words, session.Options.TopK, context.SourceCoverage, context.Files);
            }),
        ];
    }
}
