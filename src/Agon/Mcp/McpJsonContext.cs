using System.Text.Json.Serialization;

namespace Agon.Mcp;

/// <summary>Source-generated JSON for the MCP commands' output (camelCase, the vocabulary of docs/json/*.schema.json).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<ToolServerRow>))]
internal sealed partial class McpJsonContext : JsonSerializerContext;
