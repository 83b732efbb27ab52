using System.Text.Json.Serialization;

namespace Agon.Rag;

/// <summary>
/// One line of agon's JSONL index (<c>chunk_id, doc, offset, text, embedding, token_count</c>), plus what Agon adds
/// so re-indexing can skip unchanged files (<c>sha256</c> of the document, <c>embedding_model</c>); agon's reader
/// ignores those. <c>doc</c> and <c>chunk_id</c> use the relative path (agon's base name collided).
/// </summary>
internal sealed record JsonlIndexLine
{
    [JsonPropertyName("chunk_id")]
    public string? ChunkId { get; init; }

    [JsonPropertyName("doc")]
    public string? Doc { get; init; }

    [JsonPropertyName("offset")]
    public int Offset { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("embedding")]
    public float[]? Embedding { get; init; }

    [JsonPropertyName("token_count")]
    public int TokenCount { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    [JsonPropertyName("embedding_model")]
    public string? EmbeddingModel { get; init; }
}
