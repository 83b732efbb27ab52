namespace Agon.Configuration;

/// <summary>Agon's MCP keys: whether chat offers tools, which servers, and the loop's bounds.</summary>
internal sealed record McpSettings
{
    public const int DefaultInitTimeoutSeconds = 10;

    public const int DefaultMaxRounds = 5;

    /// <summary><c>mcpMode</c>: chat offers the servers' tools to the model.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>mcpBinary</c> as configured (null: <c>agon-mcp</c> beside agon, then on PATH).</summary>
    public string? Binary { get; init; }

    /// <summary><c>mcpConfig</c>: a Claude Desktop / Cursor / VS Code file whose servers are read too.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>mcpInitTimeout</c>: bounds each server's start-up and each tool call (0 in the file means 10 s).</summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(DefaultInitTimeoutSeconds);

    /// <summary><c>mcpRetryCount</c> as agon read it: attempts, 0 means 1, a negative number means none.</summary>
    public int RetryCount { get; init; } = 1;

    /// <summary>Failed tool calls in a row the loop tolerates before it stops (agon's attempts: 0 → 1, negative → 0).</summary>
    public int Attempts => RetryCount switch
    {
        0 => 1,
        < 0 => 0,
        _ => RetryCount,
    };

    /// <summary><c>mcpMaxRounds</c>: tool rounds per answer before the loop stops.</summary>
    public int MaxRounds { get; init; } = DefaultMaxRounds;

    /// <summary><c>mcpParseTextCalls</c>: run a final answer that is only a tool call written as text.</summary>
    public bool ParseTextCalls { get; init; }

    /// <summary>The servers configured in <c>mcpServers</c> and in <c>mcpConfig</c>, disabled ones included.</summary>
    public IReadOnlyList<McpServerConfig> Servers { get; init; } = [];

    /// <summary>Whether any server was configured (otherwise <c>mcpBinary</c> is the one server).</summary>
    public bool HasServers => Servers.Count > 0;
}
