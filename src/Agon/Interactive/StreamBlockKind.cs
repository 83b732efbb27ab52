namespace Agon.Interactive;

/// <summary>What a run of text in a pane is, so the screen can style it.</summary>
internal enum StreamBlockKind
{
    /// <summary>The user's prompt.</summary>
    Prompt,

    /// <summary>The model's answer.</summary>
    Answer,

    /// <summary>The model's reasoning (dimmed; collapsible).</summary>
    Reasoning,

    /// <summary>Agon's own line: a hand-off, a scheduling note, a metrics line.</summary>
    Note,

    /// <summary>A one-line error.</summary>
    Error,
}
