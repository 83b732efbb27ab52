namespace Agon.Rag;

/// <summary>A document of the index: its relative path and the sha256 (lower-case hex) of its bytes when indexed; null when unknown.</summary>
internal sealed record RagDocument(string Path, string? Sha256);
