namespace Agon.Accuracy;

/// <summary>
/// One pass over the suite. <see cref="RagMode"/> is written into every record as agon's <c>rag_mode</c> when set
/// (agon ran <c>off</c>, then <c>on</c>); <see cref="Retrieve"/> is the seam a retrieval step plugs into: given a
/// test, it returns the prompt to send and the RAG fields. A plain run is one pass without either.
/// </summary>
internal sealed record AccuracyPass(string? RagMode = null, Func<AccuracyTest, CancellationToken, Task<AccuracyRetrieval>>? Retrieve = null)
{
    public static AccuracyPass Plain { get; } = new();
}
