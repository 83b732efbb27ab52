using Agon.Configuration;

namespace Agon.Rag;

/// <summary>
/// The <c>rag*</c> settings made ready for use: paths resolved, defaults applied (200-word chunks, top 4, cosine),
/// the embedding host found. Each missing or impossible value is a one-line usage error naming its key.
/// </summary>
internal sealed record RagOptions
{
    public const int DefaultChunkSize = 200;

    public const int DefaultTopK = 4;

    public string? CorpusPath { get; init; }

    public required string IndexPath { get; init; }

    public required HostConfig EmbeddingHost { get; init; }

    public required string EmbeddingModel { get; init; }

    public int ChunkSize { get; init; } = DefaultChunkSize;

    public int ChunkOverlap { get; init; }

    public int TopK { get; init; } = DefaultTopK;

    /// <summary>The CONTEXT block's word budget; 0 is unlimited.</summary>
    public int ContextTokenLimit { get; init; }

    public RagSimilarity Similarity { get; init; }

    public IReadOnlyList<string> AllowedExtensions { get; init; } = [];

    public IReadOnlyList<string> ExcludeGlobs { get; init; } = [];

    public static RagOptions From(AgonConfig config, IAgonEnvironment environment, bool needsCorpus)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rag = config.Rag;
        var index = Required(rag.IndexPath, "ragIndexPath", "name the index file (a .jsonl name keeps agon's format, anything else is SQLite)");
        var corpus = needsCorpus ? Required(rag.CorpusPath, "ragCorpusPath", "name the folder to index") : rag.CorpusPath;
        var hostName = Required(rag.EmbeddingHost, "ragEmbeddingHost", "name the host that serves ragEmbeddingModel");
        var host = config.FindHost(hostName)
            ?? throw AgonException.Usage($"ragEmbeddingHost: no host named '{hostName}' (configured: {string.Join(", ", config.Hosts.Select(h => h.Name))})");
        var model = Required(rag.EmbeddingModel, "ragEmbeddingModel", $"name the embedding model host {host.Name} serves");
        var size = rag.ChunkSizeTokens > 0 ? rag.ChunkSizeTokens : DefaultChunkSize;
        if (rag.ChunkOverlapTokens >= size)
        {
            throw AgonException.Usage($"ragChunkOverlapTokens ({rag.ChunkOverlapTokens}) must be less than ragChunkSizeTokens ({size})");
        }

        return new RagOptions
        {
            CorpusPath = corpus is null ? null : AgonPaths.Resolve(environment, corpus),
            IndexPath = AgonPaths.Resolve(environment, index),
            EmbeddingHost = host,
            EmbeddingModel = model,
            ChunkSize = size,
            ChunkOverlap = rag.ChunkOverlapTokens,
            TopK = rag.TopK > 0 ? rag.TopK : DefaultTopK,
            ContextTokenLimit = Math.Max(0, rag.ContextTokenLimit),
            Similarity = ParseSimilarity(rag.Similarity),
            AllowedExtensions = rag.AllowedExtensions,
            ExcludeGlobs = rag.ExcludeGlobs,
        };
    }

    /// <summary>Reads <c>ragSimilarity</c>: <c>cosine</c> (also when unset) or <c>dot</c>; anything else is a usage error.</summary>
    public static RagSimilarity ParseSimilarity(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cosine" => RagSimilarity.Cosine,
        "dot" => RagSimilarity.Dot,
        _ => throw AgonException.Usage($"ragSimilarity: expected cosine or dot, got '{text}'"),
    };

    private static string Required(string? value, string key, string hint) =>
        string.IsNullOrWhiteSpace(value) ? throw AgonException.Usage($"{key} is not set; {hint} in the configuration") : value.Trim();
}
