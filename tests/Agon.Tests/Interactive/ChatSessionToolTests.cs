using Agon.Chat;
using Agon.Interactive;
using Agon.Mcp;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Interactive;

/// <summary>Tool calls in the interactive chat: inline in the pane, collapsed to one line each.</summary>
public sealed class ChatSessionToolTests
{
    [Fact]
    public void ToolResult_ShownInline_CollapsedToOneLine()
    {
        var target = new ChatTarget(new ScriptedHost("gpu"), "a");
        using var session = new ChatSession(new ChatEngine(new FakeTimeProvider(AgonRunner.Now)), new ChatRequest { Prompt = "" }, [target]);
        var call = new ToolActivity { CallId = "c1", Name = "add", Server = "mem", Arguments = "{\"a\":1}", Result = "first line\nsecond line", Duration = TimeSpan.FromMilliseconds(2) };

        session.OnEvent(new ChatEvent(ChatEventKind.ToolCall, target, null, Tool: call with { Result = null }));
        session.OnEvent(new ChatEvent(ChatEventKind.ToolResult, target, null, Tool: call));

        var note = session.Panes[0].Buffer.TextOf(StreamBlockKind.Note);
        Assert.StartsWith("▸ → add {\"a\":1} (mem) · 2 ms  ← \"first line", note, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', note);
    }

    [Fact]
    public void ToolCall_FooterSaysWhichToolRuns()
    {
        var target = new ChatTarget(new ScriptedHost("gpu"), "a");
        using var session = new ChatSession(new ChatEngine(new FakeTimeProvider(AgonRunner.Now)), new ChatRequest { Prompt = "" }, [target]);

        session.OnEvent(new ChatEvent(ChatEventKind.ToolCall, target, null, Tool: new ToolActivity { CallId = "c1", Name = "add", Server = "mem" }));

        Assert.Equal("calling add on mem…", session.Panes[0].Footer);
    }

    [Fact]
    public async Task ConfirmOff_CallsWithoutAsking()
    {
        using var session = Session();

        Assert.True(await session.ConfirmToolAsync(Add, TestContext.Current.CancellationToken));
        Assert.Null(session.PendingQuestion);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConfirmOn_TheCallWaitsForTheAnswer(bool yes)
    {
        using var session = Session();
        session.ConfirmTools = true;

        var asked = session.ConfirmToolAsync(Add, TestContext.Current.CancellationToken);

        Assert.False(asked.IsCompleted);
        var question = Assert.IsType<ToolQuestion>(session.PendingQuestion);
        Assert.Equal("call add {\"a\":1} on mem?", question.Text);
        Assert.Equal("call add {\"a\":1} on mem? (Enter calls, Esc skips)", session.Notice);
        question.Answer(yes);
        Assert.Equal(yes, await asked);
        Assert.Null(session.PendingQuestion);
        Assert.Equal((yes ? "called" : "skipped") + " add", session.Notice);
    }

    [Fact]
    public async Task ConfirmOn_StoppingTheAnswerSaysNo()
    {
        using var session = Session();
        session.ConfirmTools = true;
        using var stop = new CancellationTokenSource();

        var asked = session.ConfirmToolAsync(Add, stop.Token);
        await stop.CancelAsync();

        Assert.False(await asked);
        Assert.Null(session.PendingQuestion);
    }

    [Fact]
    public void CtrlO_TogglesAndSaysWhich()
    {
        using var session = Session();

        session.ToggleConfirmTools();
        Assert.Equal((true, "tool calls: ask before each"), (session.ConfirmTools, session.Notice));
        session.ToggleConfirmTools();
        Assert.Equal((false, "tool calls: run without asking"), (session.ConfirmTools, session.Notice));
    }

    private static ToolActivity Add => new() { CallId = "c1", Name = "add", Server = "mem", Arguments = "{\"a\":1}" };

    private static ChatSession Session() =>
        new(new ChatEngine(new FakeTimeProvider(AgonRunner.Now)), new ChatRequest { Prompt = "" }, [new ChatTarget(new ScriptedHost("gpu"), "a")]);
}
