using Agon.Chat;
using Agon.Interactive;
using Agon.Mcp;
using Agon.Tests.Mcp;
using Terminal.Gui.Input;
using static Agon.Tests.TestServices.ScriptedChatClient;

namespace Agon.Tests.Interactive;

/// <summary>
/// <c>--confirm-tools</c> in the interactive chat: the call waits in a dialog on the real screen (Enter calls, Esc
/// skips), against an in-memory MCP server and a scripted model that calls <c>add</c>.
/// </summary>
[Collection(nameof(TerminalScreens))]
public sealed class ToolConfirmScreenTests
{
    [Theory]
    [InlineData("Enter", 1, "42")]
    [InlineData("Esc", 0, "not called: the user declined this call")]
    public async Task ConfirmTools_TheCallWaitsForTheDialog(string key, int calls, string toolResult)
    {
        await using var bed = await McpTestBed.StartAsync();
        var model = new ScriptedChatClient(_ => Call("c1", "add", McpTestBed.Args(("a", 40), ("b", 2))), _ => Answer("It is 42."));
        ChatSession? shown = null;
        var tools = new ToolSession(bed.Toolbox, bed.Settings, bed.Log, (call, ct) => shown!.ConfirmToolAsync(call, ct));
        using var session = new ChatSession(new ChatEngine(TimeProvider.System, bed.Log, tools: tools), new ChatRequest { Prompt = "" }, [new ChatTarget(new ToolTestHost(model), "m")])
        {
            ConfirmTools = true,
        };
        shown = session;

        ScreenScript.Run(session, new ChatScreenOptions("agon test", new TargetCatalog([])), 100, 24,
            (app, _, _) => ScreenScript.Type(app, "What is 40 + 2?") && ScreenScript.Press(app, Key.Enter),
            (_, _, screen) => screen.Contains("call add {\"a\":40,\"b\":2} on mem?", StringComparison.Ordinal) && screen.Contains("Call", StringComparison.Ordinal),
            (app, _, _) => ScreenScript.Press(app, key == "Enter" ? Key.Enter : Key.Esc),
            (_, _, screen) => screen.Contains("It is 42.", StringComparison.Ordinal) && screen.Contains("▸ → add", StringComparison.Ordinal));

        Assert.Equal(calls, bed.Server.Calls.GetValueOrDefault("add"));
        Assert.Equal(toolResult, McpTestBed.ResultText(model.Requests[1].Messages.Last()));
        Assert.Null(session.PendingQuestion);
    }
}
