namespace Agon.Hosts.LlamaCpp;

/// <summary>One vector of an embeddings answer.</summary>
internal sealed record LlamaCppEmbedding(int? Index, float[]? Embedding);
