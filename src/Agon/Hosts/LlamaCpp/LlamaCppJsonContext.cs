using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Source-generated JSON for the small llama.cpp bodies (management requests, embeddings); chat chunks have their own reader.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LlamaCppModelRequest))]
[JsonSerializable(typeof(LlamaCppEmbeddingResponse))]
[JsonSerializable(typeof(LlamaCppCompletionChunk))]
internal sealed partial class LlamaCppJsonContext : JsonSerializerContext;
