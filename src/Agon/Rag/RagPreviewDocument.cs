namespace Agon.Rag;

/// <summary><c>agon rag preview --json</c>: the settings, each retrieved chunk, and the CONTEXT block as a prompt gets it.</summary>
internal sealed record RagPreviewDocument
{
    public required string Query { get; init; }

    public required RagSettingsJson Settings { get; init; }

    public double RetrievalMs { get; init; }

    public double EmbeddingMs { get; init; }

    public required IReadOnlyList<RagHitJson> Chunks { get; init; }

    public required string Context { get; init; }

    public int ContextTokens { get; init; }

    public int SourceCoverage { get; init; }

    public required IReadOnlyList<string> Files { get; init; }
}
