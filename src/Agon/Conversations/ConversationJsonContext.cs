using System.Text.Json.Serialization;

namespace Agon.Conversations;

/// <summary>Source-generated JSON for <c>agon history --json</c> and <c>agon history show ID --json</c> (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ConversationSummaryJson>))]
[JsonSerializable(typeof(ConversationDocumentJson))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
