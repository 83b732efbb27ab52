using Agon.Chat;
using Microsoft.Extensions.AI;

namespace Agon.Interactive;

/// <summary>One column of the interactive chat: a target, its own history, what it streams and how it stands.</summary>
internal sealed class ChatPane(ChatTarget target, int? stage)
{
    public ChatTarget Target { get; set; } = target;

    /// <summary>The 1-based stage in a pipeline; null otherwise.</summary>
    public int? Stage { get; } = stage;

    public string Title => (Stage is { } s ? $"{s}. " : "") + Target.Label;

    public StreamBuffer Buffer { get; } = new();

    public PaneStatus Status { get; set; }

    /// <summary>The metrics line of the last answer, or the one-line error.</summary>
    public string Footer { get; set; } = "";

    /// <summary>What this pane's model has been told so far (prompts and its complete answers).</summary>
    public List<ChatMessage> History { get; } = [];

    /// <summary>Stops only this pane's answer (Esc on a focused pane).</summary>
    public CancellationTokenSource? Stop { get; set; }

    /// <summary>The last answer (for pipeline export and retry).</summary>
    public ChatOutcome? Outcome { get; set; }

    public string StatusWord => Status switch
    {
        PaneStatus.Waiting => "waiting",
        PaneStatus.Streaming => "streaming",
        PaneStatus.Done => "done",
        PaneStatus.Stopped => "stopped",
        PaneStatus.Error => "error",
        PaneStatus.Skipped => "skipped",
        _ => "",
    };
}
