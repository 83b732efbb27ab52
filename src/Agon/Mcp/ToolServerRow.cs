namespace Agon.Mcp;

/// <summary>One MCP server of <c>agon list tools --json</c> (docs/json/list-tools.schema.json).</summary>
internal sealed record ToolServerRow(string Server, string Transport, string Endpoint, bool Disabled, bool Started, string? Error, List<ToolRow> Tools)
{
    public static ToolServerRow Of(Configuration.McpServerConfig server, McpConnection? connection) => new(
        server.Name,
        server.Transport.ToString().ToLowerInvariant(),
        Diagnostics.SecretRedactor.Redact(server.Endpoint),
        server.Disabled,
        connection?.Started == true,
        connection?.Error,
        [.. (connection?.Tools ?? []).Select(t => new ToolRow(t.Name, t.Description, server.Offers(t.Name), t.JsonSchema))]);
}
