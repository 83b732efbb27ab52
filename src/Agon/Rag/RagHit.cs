namespace Agon.Rag;

/// <summary>One retrieved chunk: its rank (1 = best), score, document and the chunk.</summary>
internal sealed record RagHit(int Rank, float Score, string Path, RagChunk Chunk);
