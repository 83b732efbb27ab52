using Agon.Configuration;
using ModelContextProtocol.Client;

namespace Agon.Mcp;

/// <summary>One configured server as it stands after start-up: its client and tools, or why it did not start.</summary>
internal sealed record McpConnection
{
    public required McpServerConfig Config { get; init; }

    public McpClient? Client { get; init; }

    /// <summary>Every tool the server lists (filters not applied).</summary>
    public IReadOnlyList<McpClientTool> Tools { get; init; } = [];

    /// <summary>One line: why the server did not start (with its last stderr lines), or null.</summary>
    public string? Error { get; init; }

    /// <summary>How long the start-up and the tool listing took.</summary>
    public TimeSpan StartTime { get; init; }

    public bool Started => Client is not null;
}
