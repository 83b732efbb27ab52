namespace Agon.Configuration;

/// <summary>
/// The effective configuration of one run: file, environment and flags merged and validated once.
/// Key names follow agon's JSON format so existing files work unchanged.
/// </summary>
internal sealed record AgonConfig
{
    /// <summary>The configuration file read, or null when the built-in default is in use.</summary>
    public string? FilePath { get; init; }

    /// <summary>Which lookup step found <see cref="FilePath"/> (for example "--config" or "AGON_CONFIG").</summary>
    public string? FileOrigin { get; init; }

    public IReadOnlyList<HostConfig> Hosts { get; init; } = [];

    /// <summary>Request timeout (agon's <c>timeout</c>, seconds, default 600).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    public bool Debug { get; init; }

    public string? LogFile { get; init; }

    public bool Metrics { get; init; }

    public bool MultimodelMode { get; init; }

    public bool PipelineMode { get; init; }

    public bool JsonMode { get; init; }

    /// <summary>Chat conversations are kept in the database (<c>history</c>, default on; <c>--no-save</c> turns it off for one run).</summary>
    public bool History { get; init; } = true;

    public bool McpMode { get; init; }

    public string? McpBinary { get; init; }

    /// <summary>MCP start-up timeout in seconds (0 means 10, as in agon).</summary>
    public int McpInitTimeout { get; init; }

    public int McpRetryCount { get; init; }

    /// <summary>The MCP keys together, with <c>mcpServers</c> and the servers of <c>mcpConfig</c>.</summary>
    public McpSettings Mcp { get; init; } = new();

    public string? Export { get; init; }

    public string? ExportMarkdown { get; init; }

    public bool BenchmarkMode { get; init; }

    public int BenchmarkCount { get; init; }

    public bool AccuracyMode { get; init; }

    public RagSettings Rag { get; init; } = new();

    /// <summary>Every global setting's value and where it came from (<c>show config</c> prints them).</summary>
    public GlobalValues Values { get; init; } = new();

    /// <summary>Problems that did not stop the run (unknown keys, assumed defaults), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public ValueOrigin OriginOf(Setting setting) => Values.OriginOf(setting);

    /// <summary>The host with this name (names are compared case-insensitively), or null.</summary>
    public HostConfig? FindHost(string name) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
}
