using System.Text.Json.Serialization;

namespace Agon.Tests.Mcp;

[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class McpTestJson : JsonSerializerContext;
