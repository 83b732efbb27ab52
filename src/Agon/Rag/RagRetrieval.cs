namespace Agon.Rag;

/// <summary>One query's retrieval: the hits, the CONTEXT block, and the time it took (embedding the query included, as agon's <c>retrieval_ms</c>).</summary>
internal sealed record RagRetrieval(string Query, IReadOnlyList<RagHit> Hits, RagContextBlock Context, double RetrievalMs, double EmbeddingMs);
