using System.Text.Json.Serialization;
using Agon.Configuration;
using Agon.Diagnostics;

namespace Agon.Mcp;

/// <summary>One MCP server of <c>agon list tools</c>, in text and as JSON (docs/json/list-tools.schema.json).</summary>
internal sealed record ToolServerRow(string Server, string Transport, string Endpoint, bool Disabled, bool Started, string? Error, List<ToolRow> Tools)
{
    /// <summary>How long the server took to start (the text listing shows it).</summary>
    [JsonIgnore]
    public TimeSpan StartTime { get; init; }

    public static ToolServerRow Of(McpServerConfig server, McpConnection? connection) => new(
        server.Name,
        server.Transport.ToString().ToLowerInvariant(),
        SecretRedactor.Redact(server.Endpoint),
        server.Disabled,
        connection?.Started == true,
        connection?.Error,
        [.. (connection?.Tools ?? []).Select(t => new ToolRow(t.Name, t.Description, server.Offers(t.Name), t.JsonSchema))])
    {
        StartTime = connection?.StartTime ?? TimeSpan.Zero,
    };
}
