using System.Text.Json.Serialization;

namespace Agon.Hosts.Ollama;

/// <summary>Source-generated JSON for Ollama's answers (<c>/api/*</c>, snake_case); unknown members are ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OllamaVersion))]
[JsonSerializable(typeof(OllamaModelList))]
[JsonSerializable(typeof(OllamaShow))]
[JsonSerializable(typeof(OllamaPullLine))]
[JsonSerializable(typeof(OllamaEmbedResponse))]
[JsonSerializable(typeof(OllamaChatLine))]
[JsonSerializable(typeof(OllamaError))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;
