using System.Text.Json.Serialization;

namespace Agon.Rag;

/// <summary>Source-generated JSON for the RAG commands' output and agon's JSONL index lines (camelCase; nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonlIndexLine))]
[JsonSerializable(typeof(RagIndexSummary))]
[JsonSerializable(typeof(RagPreviewDocument))]
[JsonSerializable(typeof(EmbeddingsDocument))]
[JsonSerializable(typeof(EmbeddingJson))]
internal sealed partial class RagJsonContext : JsonSerializerContext;
