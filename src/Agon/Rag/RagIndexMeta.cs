namespace Agon.Rag;

/// <summary>
/// What an index was built with: the embedding model (and the host it came from), the vectors' dimension and the
/// chunking. Null fields are unknown (agon's JSONL records no model).
/// </summary>
internal sealed record RagIndexMeta(string? Model, string? Host, int Dimensions, int ChunkSize, int ChunkOverlap);
