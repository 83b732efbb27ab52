namespace Agon.Configuration;

/// <summary>agon's <c>rag*</c> keys, read now and used by the RAG feature.</summary>
internal sealed record RagSettings
{
    public bool Enabled { get; init; }

    public string? CorpusPath { get; init; }

    public string? IndexPath { get; init; }

    public string? EmbeddingModel { get; init; }

    public string? EmbeddingHost { get; init; }

    public int ChunkSizeTokens { get; init; }

    public int ChunkOverlapTokens { get; init; }

    public int TopK { get; init; }

    public int ContextTokenLimit { get; init; }

    public string? Similarity { get; init; }

    public IReadOnlyList<string> AllowedExtensions { get; init; } = [];

    public IReadOnlyList<string> ExcludeGlobs { get; init; } = [];
}
