using Agon.Metrics;

namespace Agon.Conversations;

/// <summary>One stored turn: a prompt, or one target's answer to it (with its reasoning, parameters, JSON verdict and metrics).</summary>
internal sealed record ConversationTurn
{
    public long Id { get; init; }

    public DateTimeOffset Time { get; init; }

    public required ConversationRole Role { get; init; }

    /// <summary><c>host/model</c> for an answer; null for a prompt.</summary>
    public string? Target { get; init; }

    /// <summary>The 1-based pipeline stage of an answer; null otherwise.</summary>
    public int? Stage { get; init; }

    public required string Text { get; init; }

    public string? Reasoning { get; init; }

    /// <summary>The system prompt this answer was asked with (<c>--system</c>, F3, or the host's saved one); null when none.</summary>
    public string? System { get; init; }

    /// <summary>The sampling parameters sent, by agon's names (JSON values).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public bool? JsonValid { get; init; }

    public IReadOnlyList<string> JsonErrors { get; init; } = [];

    public string? Error { get; init; }

    /// <summary>The answer was stopped before it ended; <see cref="Text"/> is what had arrived.</summary>
    public bool Cancelled { get; init; }

    public string? FinishReason { get; init; }

    public ResponseMetrics Metrics { get; init; } = new();

    /// <summary>An answer that can be sent back as history: it ended, without an error.</summary>
    public bool Complete => Role == ConversationRole.User || (Error is null && !Cancelled);
}
