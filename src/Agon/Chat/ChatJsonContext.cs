using System.Text.Json.Serialization;
using Agon.Metrics;

namespace Agon.Chat;

/// <summary>
/// Source-generated JSON for chat output (<c>--output json</c>, the results inside ndjson events, stored metrics):
/// camelCase, nulls written (a script sees every key), the optional parts ignored where the record says so.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChatRunJson))]
[JsonSerializable(typeof(ChatOutcomeJson))]
[JsonSerializable(typeof(ToolCallJson))]
[JsonSerializable(typeof(Dictionary<string, MetricJson?>))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
