namespace Agon.Chat;

/// <summary>The kinds of <see cref="ChatEvent"/>, in the order a target produces them.</summary>
internal enum ChatEventKind
{
    /// <summary>The request for this target is about to be sent.</summary>
    Start,

    /// <summary>Text (or reasoning) arrived.</summary>
    Delta,

    /// <summary>The target answered.</summary>
    Done,

    /// <summary>The target failed; the outcome carries the error and any partial text.</summary>
    Error,

    /// <summary>The model called a tool (<see cref="ChatEvent.Tool"/>); the call is about to run.</summary>
    ToolCall,

    /// <summary>A tool call finished (<see cref="ChatEvent.Tool"/> carries the result the model reads back).</summary>
    ToolResult,

    /// <summary>Something the user should know about the run (a scheduling decision, a skipped stage).</summary>
    Note,
}
