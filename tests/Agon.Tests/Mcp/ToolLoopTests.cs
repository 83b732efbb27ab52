using Agon.Chat;
using Agon.Configuration;
using Microsoft.Extensions.AI;
using static Agon.Tests.TestServices.ScriptedChatClient;

namespace Agon.Tests.Mcp;

/// <summary>The tool loop through the chat pipeline with scripted models: results, the round cap, retries, parallel calls, streaming, the capability gate.</summary>
public sealed class ToolLoopTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CallThenAnswer_ResultGoesBackAsRoleTool(bool stream)
    {
        await using var bed = await McpTestBed.StartAsync();
        var model = new ScriptedChatClient(_ => Call("c1", "add", McpTestBed.Args(("a", 40), ("b", 2))), _ => Answer("It is 42."));

        var (outcome, events) = await bed.ChatAsync(model, stream);

        Assert.Null(outcome.Error);
        Assert.Equal("It is 42.", outcome.Content);
        Assert.Equal(2, model.Requests.Count);
        Assert.Contains(model.Requests[0].Options!.Tools!, t => t.Name == "add");
        var toolMessage = model.Requests[1].Messages.Last();
        Assert.Equal(ChatRole.Tool, toolMessage.Role);
        Assert.Equal("42", McpTestBed.ResultText(toolMessage));
        var call = Assert.Single(outcome.ToolCalls);
        Assert.Equal(("add", "mem", "{\"a\":40,\"b\":2}", "42", false), (call.Name, call.Server, call.Arguments, call.Result, call.IsError));
        Assert.Equal([ChatEventKind.Start, ChatEventKind.ToolCall, ChatEventKind.ToolResult, ChatEventKind.Delta, ChatEventKind.Done], events.Select(e => e.Kind));
        Assert.Null(outcome.ToolStop);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RoundCap_EndsWithTheLineSayingWhatTheModelStillWanted(bool stream)
    {
        await using var bed = await McpTestBed.StartAsync(new McpSettings { MaxRounds = 2 });
        var model = new ScriptedChatClient(i => Call($"c{i}", "add", McpTestBed.Args(("a", i), ("b", 1))));

        var (outcome, events) = await bed.ChatAsync(model, stream);

        Assert.Equal("stopped after 2 tool rounds; the model still wanted to call add", outcome.ToolStop);
        Assert.Contains(events, e => e.Kind == ChatEventKind.Note && e.Text == outcome.ToolStop);
        Assert.Equal(2, bed.Server.Calls["add"]);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task FailingTool_ModelToldEachTime_StopsAfterRetryCount()
    {
        await using var bed = await McpTestBed.StartAsync(new McpSettings { RetryCount = 2 });
        var model = new ScriptedChatClient(i => Call($"c{i}", "fail"));

        var (outcome, _) = await bed.ChatAsync(model);

        Assert.Equal(2, bed.Server.Calls["fail"]);
        Assert.Equal("error: fail failed: An error occurred invoking 'fail': upstream API said 503", McpTestBed.ResultText(model.Requests[1].Messages.Last()));
        Assert.Equal("stopped after 2 failed tool calls in a row (mcpRetryCount 2); the model still wanted to call fail", outcome.ToolStop);
        Assert.Equal(3, outcome.ToolCalls.Count);
        Assert.All(outcome.ToolCalls, c => Assert.True(c.IsError));
    }

    [Fact]
    public async Task FailureThenSuccess_ResetsTheCount()
    {
        await using var bed = await McpTestBed.StartAsync(new McpSettings { RetryCount = 2 });
        var model = new ScriptedChatClient(_ => Call("c0", "soft_error"), _ => Call("c1", "add", McpTestBed.Args(("a", 1), ("b", 1))), _ => Answer("2"));

        var (outcome, _) = await bed.ChatAsync(model);

        Assert.Equal("2", outcome.Content);
        Assert.Null(outcome.ToolStop);
        Assert.Equal([true, false], outcome.ToolCalls.Select(c => c.IsError));
    }

    [Fact]
    public async Task UnknownTool_ModelToldInOneLine_LoopContinues()
    {
        await using var bed = await McpTestBed.StartAsync();
        var model = new ScriptedChatClient(_ => Call("c0", "get_weather"), _ => Answer("I cannot check the weather."));

        var (outcome, _) = await bed.ChatAsync(model);

        Assert.Equal("I cannot check the weather.", outcome.Content);
        Assert.Equal("Error: Requested function \"get_weather\" not found.", McpTestBed.ResultText(model.Requests[1].Messages.Last()));
        var call = Assert.Single(outcome.ToolCalls);
        Assert.True(call.IsError);
        Assert.Null(call.Server);
    }

    [Fact]
    public async Task ParallelCalls_AllAnsweredInOneFollowUp_InOrder()
    {
        await using var bed = await McpTestBed.StartAsync();
        var model = new ScriptedChatClient(
            _ => Calls(new FunctionCallContent("a", "add", McpTestBed.Args(("a", 1), ("b", 2))), new FunctionCallContent("b", "soft_error", new Dictionary<string, object?>())),
            _ => Answer("done"));

        var (outcome, _) = await bed.ChatAsync(model);

        var results = model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        Assert.Equal(["a", "b"], results.Select(r => r.CallId));
        Assert.Equal(["3", "error: soft_error failed: city not found"], results.Select(r => JsonWriterExtensions.ToolResultText(r.Result)));
        Assert.Equal(2, outcome.ToolCalls.Count);
    }

    [Fact]
    public async Task ModelWithoutTools_SaidOnce_ChatsWithoutThem()
    {
        await using var bed = await McpTestBed.StartAsync();
        var model = new ScriptedChatClient(_ => Answer("hello"));

        var (outcome, events) = await bed.ChatAsync(model, supportsTools: false);

        Assert.Equal("hello", outcome.Content);
        Assert.Null(model.Requests[0].Options!.Tools);
        Assert.Equal("m on lab does not support tools; chatting without them", Assert.Single(events, e => e.Kind == ChatEventKind.Note).Text);
    }
}
