using System.Text.Json;

namespace Agon.Mcp;

/// <summary>One tool of a server in <c>agon list tools --json</c>; <see cref="Offered"/> is false when allowTools/excludeTools hide it from the model.</summary>
internal sealed record ToolRow(string Name, string? Description, bool Offered, JsonElement InputSchema);
