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
}
