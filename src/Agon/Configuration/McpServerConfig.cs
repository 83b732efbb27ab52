namespace Agon.Configuration;

/// <summary>
/// One entry of <c>mcpServers</c>, in the shape Claude Desktop, Cursor and oterm use, with every <c>${VAR}</c>
/// already expanded. A stdio server has <see cref="Command"/>; an HTTP or SSE server has <see cref="Url"/>.
/// </summary>
internal sealed record McpServerConfig
{
    public required string Name { get; init; }

    public McpTransport Transport { get; init; }

    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Variables the entry declares; the child gets only these plus a small allowlist.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The child's working directory (absolute), or null for Agon's current directory.</summary>
    public string? Cwd { get; init; }

    public Uri? Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public bool Disabled { get; init; }

    /// <summary>When not empty, only these tools are offered to the model.</summary>
    public IReadOnlyList<string> AllowTools { get; init; } = [];

    /// <summary>Tools never offered to the model.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary>Where the entry came from: "mcpServers" or the file named by <c>mcpConfig</c>; "mcpBinary" for the default server.</summary>
    public string Source { get; init; } = "mcpServers";

    /// <summary>What to say instead of "not found on PATH" when <see cref="Command"/> cannot be found (how to get it).</summary>
    public string? WhenMissing { get; init; }

    /// <summary>Whether the model may see a tool of this server under its server-side name.</summary>
    public bool Offers(string tool) =>
        (AllowTools.Count == 0 || AllowTools.Contains(tool, StringComparer.Ordinal)) && !ExcludeTools.Contains(tool, StringComparer.Ordinal);

    /// <summary>How it is reached, for a listing: "stdio npx -y …", "http http://…".</summary>
    public string Endpoint => Transport == McpTransport.Stdio
        ? string.Join(' ', Args.Prepend(Command ?? ""))
        : Url?.ToString() ?? "";
}
