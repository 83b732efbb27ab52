using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>One MCP server in <c>show config</c>; header values redacted, environment values never shown.</summary>
internal sealed record McpServerReport
{
    public required string Name { get; init; }

    /// <summary>stdio, http or sse.</summary>
    public required string Type { get; init; }

    public required string? Command { get; init; }

    public required IReadOnlyList<string> Args { get; init; }

    public required string? Url { get; init; }

    public required bool Disabled { get; init; }

    public required IReadOnlyList<string> AllowTools { get; init; }

    public required IReadOnlyList<string> ExcludeTools { get; init; }

    public required string Source { get; init; }

    /// <summary>The command line or the URL (text view).</summary>
    [JsonIgnore]
    public string Endpoint { get; init; } = "";

    /// <summary><c>name=value</c> with secret values redacted (text view).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Headers { get; init; } = [];
}
