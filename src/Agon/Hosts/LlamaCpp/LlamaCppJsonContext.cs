using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Source-generated JSON for the small llama.cpp bodies (management requests, embeddings); the hot part of a chat chunk (its choices) has its own reader.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LlamaCppModelRequest))]
[JsonSerializable(typeof(LlamaCppEmbeddingResponse))]
[JsonSerializable(typeof(LlamaCppCompletionChunk))]
[JsonSerializable(typeof(LlamaCppChatUsageJson))]
[JsonSerializable(typeof(LlamaCppServerError))]
[JsonSerializable(typeof(List<LlamaCppToolCallJson>))]
internal sealed partial class LlamaCppJsonContext : JsonSerializerContext;
