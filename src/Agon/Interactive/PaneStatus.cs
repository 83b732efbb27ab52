namespace Agon.Interactive;

/// <summary>Where a pane's current answer is.</summary>
internal enum PaneStatus
{
    /// <summary>Nothing asked yet, or the last answer was shown and nothing runs.</summary>
    Idle,

    /// <summary>Asked, no answer started yet (the model loads, or the pane waits its turn on a busy router).</summary>
    Waiting,

    Streaming,

    Done,

    /// <summary>Stopped by the user (Esc, Ctrl+C); the partial text stays.</summary>
    Stopped,

    Error,

    /// <summary>A pipeline stage that did not run because an earlier one failed.</summary>
    Skipped,
}
