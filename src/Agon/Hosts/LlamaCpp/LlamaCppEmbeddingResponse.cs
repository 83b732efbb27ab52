namespace Agon.Hosts.LlamaCpp;

/// <summary><c>POST /v1/embeddings</c> (OpenAI shape): one item per input, in <c>index</c> order or as listed.</summary>
internal sealed record LlamaCppEmbeddingResponse(IReadOnlyList<LlamaCppEmbedding>? Data, LlamaCppChatUsage? Usage);
