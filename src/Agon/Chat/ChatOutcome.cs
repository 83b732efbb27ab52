using Agon.Metrics;

namespace Agon.Chat;

/// <summary>What one target answered (or how it failed), with its metrics and JSON verdict.</summary>
internal sealed record ChatOutcome
{
    public required ChatTarget Target { get; init; }

    /// <summary>The 1-based stage in a pipeline; null otherwise.</summary>
    public int? Stage { get; init; }

    /// <summary>The answer; on failure, the text received before it.</summary>
    public string Content { get; init; } = "";

    public string? Reasoning { get; init; }

    public string? FinishReason { get; init; }

    /// <summary>The token limit asked for (<c>--max-tokens</c>, <c>max_tokens</c>), when there was one; -1 is none.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Null when JSON was not asked for; else whether the answer parses (and matches the schema).</summary>
    public bool? JsonValid { get; init; }

    /// <summary>Why the JSON verdict is negative.</summary>
    public IReadOnlyList<string> JsonErrors { get; init; } = [];

    public string? Error { get; init; }

    /// <summary>With <see cref="Error"/>: what kind of failure (<see cref="Hosts.HostFailure"/>: timeout, refused, server, other).</summary>
    public string? ErrorKind { get; init; }

    /// <summary>True for pipeline stages that never ran because an earlier one failed.</summary>
    public bool Skipped { get; init; }

    public ResponseMetrics Metrics { get; init; } = new();

    /// <summary>The system prompt sent (<c>--system</c>, else the host's <c>systemprompt</c>); null when none was.</summary>
    public string? System { get; init; }

    /// <summary>The sampling parameters sent, by agon's names.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>In a pipeline: the text this stage received from the previous one.</summary>
    public string? HandOff { get; init; }

    /// <summary>The tool calls of this turn, in order (MCP).</summary>
    public IReadOnlyList<Mcp.ToolActivity> ToolCalls { get; init; } = [];

    /// <summary>Why the tool loop ended before the model answered ("stopped after 5 tool rounds; …"), or null.</summary>
    public string? ToolStop { get; init; }

    /// <summary>The answer was stopped on purpose (one pane's Esc); <see cref="Content"/> is what had arrived.</summary>
    public bool Cancelled { get; init; }

    /// <summary>With <c>--rag</c>: the files the retrieved context came from, best first; null without retrieval.</summary>
    public IReadOnlyList<string>? Sources { get; init; }

    public bool Failed => Error is not null;
}
