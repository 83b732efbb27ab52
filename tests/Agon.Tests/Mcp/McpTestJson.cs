using System.Text.Json.Serialization;

namespace Agon.Tests.Mcp;

[JsonSerializable(typeof(int))]
internal sealed partial class McpTestJson : JsonSerializerContext;
