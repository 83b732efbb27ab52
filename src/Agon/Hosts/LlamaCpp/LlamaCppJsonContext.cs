using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Source-generated JSON for the small llama.cpp management bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LlamaCppModelRequest))]
internal sealed partial class LlamaCppJsonContext : JsonSerializerContext;
