namespace Agon.Interactive;

/// <summary>
/// Every key of the interactive chat, in one table: the screen binds from it, and the help (F1) and the status bar
/// are generated from it, so they cannot disagree. Keys are written the way Terminal.Gui parses them. No plain
/// letter is bound: typing never triggers a command.
/// </summary>
internal static class ChatKeys
{
    public static IReadOnlyList<ChatKey> All { get; } =
    [
        new(ChatAction.Send, ["Enter"], "send the prompt"),
        new(ChatAction.Newline, ["Alt+Enter", "Ctrl+J"], "new line in the prompt") { Arrives = ["Ctrl+Alt+M", "Ctrl+Enter"] },
        new(ChatAction.RecallPrevious, ["CursorUp"], "earlier prompt", "Up"),
        new(ChatAction.RecallNext, ["CursorDown"], "later prompt", "Down"),
        new(ChatAction.Stop, ["Esc"], "stop the answer (of the focused pane)", InStatusBar: "stop"),
        new(ChatAction.Interrupt, ["Ctrl+C"], "stop the answer; again: quit"),
        new(ChatAction.Quit, ["Ctrl+Q"], "quit", InStatusBar: "quit"),
        new(ChatAction.NewConversation, ["Ctrl+N"], "new conversation", InStatusBar: "new"),
        new(ChatAction.Retry, ["Ctrl+R"], "retry failed or stopped answers"),
        new(ChatAction.ToggleReasoning, ["Ctrl+T"], "show or hide reasoning"),
        new(ChatAction.PageUp, ["PageUp"], "scroll up", "PgUp"),
        new(ChatAction.PageDown, ["PageDown"], "scroll down", "PgDn"),
        new(ChatAction.Top, ["Home"], "scroll to the top"),
        new(ChatAction.Bottom, ["End"], "scroll to the end (and follow)"),
        new(ChatAction.NextPane, ["Tab"], "next pane"),
        new(ChatAction.PreviousPane, ["Shift+Tab"], "previous pane"),
        new(ChatAction.ToggleToolConfirm, ["Ctrl+O"], "ask before each tool call, or stop asking (mcpMode)"),
        new(ChatAction.Redraw, ["Ctrl+L"], "redraw the whole screen"),
        new(ChatAction.Help, ["F1"], "this help", InStatusBar: "help"),
        new(ChatAction.PickTarget, ["F2"], "pick a target for the focused pane", InStatusBar: "targets"),
        new(ChatAction.EditSystem, ["F3"], "edit the system prompt", InStatusBar: "system"),
        new(ChatAction.EditParameters, ["F4"], "edit parameters (key=value …)", InStatusBar: "params"),
        new(ChatAction.Export, ["F5"], "export the pipeline (export/exportMarkdown files)", InStatusBar: "export"),
    ];

    public static ChatKey Of(ChatAction action) => All.First(k => k.Action == action);

    /// <summary>The help text: one line per action, keys then what they do.</summary>
    public static string Help()
    {
        var rows = All.Select(k => (Keys: string.Join(", ", k.Shown), k.Description)).ToList();
        var width = rows.Max(r => r.Keys.Length);
        return string.Join("\n", rows.Select(r => r.Keys.PadRight(width + 2) + r.Description));
    }
}
