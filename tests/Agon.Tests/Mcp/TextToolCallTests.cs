using System.Text.Json;
using Agon.Chat;
using Agon.Configuration;
using Agon.Mcp;
using Microsoft.Extensions.AI;
using static Agon.Tests.TestServices.ScriptedChatClient;

namespace Agon.Tests.Mcp;

/// <summary><c>mcpParseTextCalls</c>: an answer that is only a tool call written as text is run, validated against the tool's schema, and marked.</summary>
public sealed class TextToolCallTests
{
    private static readonly AITool[] s_tools =
    [
        AIFunctionFactory.CreateDeclaration("add", "Adds", JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]}""").RootElement),
        AIFunctionFactory.CreateDeclaration("current_time", "Now", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement),
    ];

    [Theory]
    [InlineData("""{"name": "add", "arguments": {"a": 40, "b": 2}}""", "add", """{"a":40,"b":2}""")]
    [InlineData("""  {"name":"add","parameters":{"a":1,"b":2}}  """, "add", """{"a":1,"b":2}""")]
    [InlineData("<tool_call>\n{\"name\": \"add\", \"arguments\": {\"a\": 3, \"b\": 4}}\n</tool_call>", "add", """{"a":3,"b":4}""")]
    [InlineData("""{"name":"add","arguments":"{\"a\":5,\"b\":6}"}""", "add", """{"a":5,"b":6}""")]
    [InlineData("""{"name":"current_time"}""", "current_time", "{}")]
    public void Parse_WholeAnswerIsACall_BecomesTheCall_Marked(string answer, string name, string arguments)
    {
        var call = TextToolCall.Parse(answer, s_tools);

        Assert.NotNull(call);
        Assert.Equal(name, call.Name);
        Assert.Equal(arguments, JsonWriterExtensions.ToolArgumentsJson(call.Arguments));
        Assert.True(TextToolCall.IsParsedFromText(call));
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("It is 42.")]
    [InlineData("""Sure: {"name":"add","arguments":{"a":1,"b":2}}""")]
    [InlineData("""{"name":"subtract","arguments":{"a":1,"b":2}}""")]
    [InlineData("""{"name":"add","arguments":{"a":"one","b":2}}""")]
    [InlineData("""{"name":"add","arguments":{"a":1}}""")]
    [InlineData("""{"name":"add","arguments":[1,2]}""")]
    [InlineData("""{"name":"add","arguments":{"a":1,"b":2},"answer":"3"}""")]
    [InlineData("""{"name":"add","arguments":{"a":1,"b":2}""")]
    [InlineData("""{"tool":"add"}""")]
    public void Parse_AnythingElse_IsNoCall(string answer) => Assert.Null(TextToolCall.Parse(answer, s_tools));

    [Theory]
    [InlineData("", true)]
    [InlineData("  {\"na", true)]
    [InlineData("<tool", true)]
    [InlineData("<tool_call>{", true)]
    [InlineData("It", false)]
    [InlineData("<b>", false)]
    public void CouldBeCall_HoldsBackOnlyWhatMayStillBeACall(string soFar, bool expected) => Assert.Equal(expected, TextToolCall.CouldBeCall(soFar));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Enabled_TextCallIsRun_ResultGoesBack_MarkedParsedFromText(bool stream)
    {
        await using var bed = await McpTestBed.StartAsync(new McpSettings { Enabled = true, ParseTextCalls = true });
        var model = new ScriptedChatClient(_ => Answer("""<tool_call>{"name": "add", "arguments": {"a": 40, "b": 2}}</tool_call>"""), _ => Answer("It is 42."));

        var (outcome, events) = await bed.ChatAsync(model, stream);

        Assert.Equal("It is 42.", outcome.Content);
        Assert.Equal(1, bed.Server.Calls["add"]);
        Assert.Equal("42", McpTestBed.ResultText(model.Requests[1].Messages.Last()));
        var call = Assert.Single(outcome.ToolCalls);
        Assert.True(call.ParsedFromText);
        Assert.Equal(("add", "42"), (call.Name, call.Result));
        // The call written as text never reached the user as text.
        Assert.DoesNotContain(events, e => e.Kind == ChatEventKind.Delta && e.Text!.Contains("tool_call", StringComparison.Ordinal));
        Assert.True(Assert.Single(events, e => e.Kind == ChatEventKind.ToolResult).Tool!.ParsedFromText);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disabled_TextCallStaysText(bool stream)
    {
        await using var bed = await McpTestBed.StartAsync();
        const string written = """{"name": "add", "arguments": {"a": 40, "b": 2}}""";
        var model = new ScriptedChatClient(_ => Answer(written));

        var (outcome, _) = await bed.ChatAsync(model, stream);

        Assert.Equal(written, outcome.Content);
        Assert.Empty(outcome.ToolCalls);
        Assert.False(bed.Server.Calls.ContainsKey("add"));
    }

    [Fact]
    public async Task Enabled_InvalidArguments_StayText()
    {
        await using var bed = await McpTestBed.StartAsync(new McpSettings { Enabled = true, ParseTextCalls = true });
        const string written = """{"name": "add", "arguments": {"a": "forty"}}""";
        var model = new ScriptedChatClient(_ => Answer(written));

        var (outcome, _) = await bed.ChatAsync(model, stream: true);

        Assert.Equal(written, outcome.Content);
        Assert.Empty(outcome.ToolCalls);
        Assert.Single(model.Requests);
    }
}
