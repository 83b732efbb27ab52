namespace Agon.Rag;

/// <summary>The settings a retrieval ran with, as <c>rag preview --json</c> prints them.</summary>
internal sealed record RagSettingsJson
{
    public required string IndexPath { get; init; }

    public required string Format { get; init; }

    public required string EmbeddingHost { get; init; }

    public required string EmbeddingModel { get; init; }

    public string? IndexModel { get; init; }

    public int Dimensions { get; init; }

    public int IndexedChunks { get; init; }

    public int TopK { get; init; }

    public required string Similarity { get; init; }

    public int ContextTokenLimit { get; init; }

    public static RagSettingsJson Of(RagOptions options, RagRetriever retriever)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retriever);
        return new RagSettingsJson
        {
            IndexPath = options.IndexPath,
            Format = RagIndex.IsJsonl(options.IndexPath) ? "jsonl" : "sqlite",
            EmbeddingHost = options.EmbeddingHost.Name,
            EmbeddingModel = options.EmbeddingModel,
            IndexModel = retriever.Meta?.Model,
            Dimensions = retriever.Dimensions,
            IndexedChunks = retriever.Count,
            TopK = options.TopK,
            Similarity = options.Similarity.ToString().ToLowerInvariant(),
            ContextTokenLimit = options.ContextTokenLimit,
        };
    }
}
