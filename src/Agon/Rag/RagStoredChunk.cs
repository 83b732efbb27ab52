namespace Agon.Rag;

/// <summary>One chunk as an index holds it: the document's relative path, the chunk and its vector.</summary>
internal sealed record RagStoredChunk(string Path, RagChunk Chunk, float[] Vector);
