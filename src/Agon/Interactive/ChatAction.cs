namespace Agon.Interactive;

/// <summary>What a key does in the interactive chat.</summary>
internal enum ChatAction
{
    Send,
    Newline,
    RecallPrevious,
    RecallNext,
    Stop,
    Interrupt,
    Quit,
    NewConversation,
    Retry,
    ToggleReasoning,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PreviousPane,
    Help,
    PickTarget,
    EditSystem,
    EditParameters,
    Export,
    ToggleToolConfirm,

    /// <summary>Sends the whole screen to the terminal again (after something else wrote over it).</summary>
    Redraw,
}
