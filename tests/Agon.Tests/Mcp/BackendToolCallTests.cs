using System.Net;
using System.Text;
using Agon.Chat;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Mcp;

/// <summary>
/// The tool loop on the real backends' wire: llama-server's recorded tool-call transcripts (server-made ids, argument
/// fragments, <c>finish_reason: "length"</c> with calls present) round-tripped to <c>role: tool</c> messages, and the
/// capability gate of llama.cpp and Ollama.
/// </summary>
public sealed class BackendToolCallTests
{
    private const string ParisTime = "2026-12-01T22:00:00+01:00";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ScriptedFunction GetTime() => new(
        "get_time", "Get the current time in an IANA time zone",
        """{"type":"object","properties":{"timezone":{"type":"string","description":"IANA time zone name, e.g. Europe/Paris"}},"required":["timezone"]}""",
        (_, _) => ValueTask.FromResult<object?>(ParisTime));

    [Theory]
    [InlineData("tools/02-chat-tool-call", false)]
    [InlineData("tools/03-chat-tool-call-stream", true)]
    public async Task LlamaCpp_RecordedToolCall_ResultSentAsRoleToolWithTheServersId(string recording, bool stream)
    {
        await using var bed = await McpTestBed.StartAsync(extra: [GetTime()]);
        // The follow-up streams too: its answer is a recorded text stream (tools/04 was recorded without streaming).
        var followUpAnswer = stream ? "router-basic/12-chat-stream-usage" : "tools/04-chat-tool-result";
        var server = new ReplayHandler(RecordedExchange.Load(recording), RecordedExchange.Load(followUpAnswer)).Always("tools/01-props");
        server.Always("single/04-v1-models").Always("single/03-models");
        await using var host = LlamaCppTestHost.Create(server);
        var invoker = bed.Invoker();
        using var client = new ChatPipeline(TimeProvider.System).Create(host, "<model-file>", invoker);
        var options = new ChatOptions { Tools = [.. bed.Toolbox.Tools.Where(t => t.Name == "get_time")], ToolMode = ChatToolMode.Auto, MaxOutputTokens = 40 };
        ChatMessage[] messages = [new(ChatRole.User, "What time is it in Paris?")];

        string text;
        if (stream)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, Token))
            {
                updates.Add(update);
            }

            text = string.Concat(updates.Select(u => u.Text));
        }
        else
        {
            text = (await client.GetResponseAsync(messages, options, Token)).Text;
        }

        var chats = server.Requests.Where(r => r.Path.EndsWith("chat/completions", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, chats.Count);
        var first = chats[0].Json!;
        Assert.Equal("get_time", (string?)first["tools"]![0]!["function"]!["name"]);
        var followUp = chats[1].Json!["messages"]!.AsArray();
        var assistant = followUp[1]!;
        var tool = followUp[2]!;
        var id = (string?)assistant["tool_calls"]![0]!["id"];
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("tool", (string?)tool["role"]);
        Assert.Equal(id, (string?)tool["tool_call_id"]);
        Assert.Equal(ParisTime, (string?)tool["content"]);
        Assert.Equal("get_time", (string?)assistant["tool_calls"]![0]!["function"]!["name"]);
        Assert.NotEmpty(text);
        Assert.Equal(ParisTime, invoker.Finished(id!)!.Result);
    }

    [Fact]
    public async Task LlamaCpp_RecordedToolsAuto_TextAnswer_NoToolRound()
    {
        await using var bed = await McpTestBed.StartAsync(extra: [GetTime()]);
        var server = new ReplayHandler(RecordedExchange.Load("tools/05-chat-tools-auto")).Always("tools/01-props").Always("single/04-v1-models").Always("single/03-models");
        await using var host = LlamaCppTestHost.Create(server);
        var invoker = bed.Invoker();
        using var client = new ChatPipeline(TimeProvider.System).Create(host, "<model-file>", invoker);
        var options = new ChatOptions { Tools = [.. bed.Toolbox.Tools.Where(t => t.Name == "get_time")], ToolMode = ChatToolMode.Auto, MaxOutputTokens = 30 };

        var response = await client.GetResponseAsync([new(ChatRole.User, "What time is it in Paris?")], options, Token);

        Assert.StartsWith("\"Miable", response.Text, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.Path.EndsWith("chat/completions", StringComparison.Ordinal));
        Assert.Equal("auto", (string?)server.Requests.Last(r => r.Path.EndsWith("chat/completions", StringComparison.Ordinal)).Json!["tool_choice"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LlamaCpp_WrittenCallsWithoutIds_IdsMinted_UniqueAcrossRounds_EachResultPairsWithItsCall(bool stream)
    {
        // Written, not recorded: llama-server always sends ids; this is the shape of a server that does not.
        await using var bed = await McpTestBed.StartAsync(extra: [GetTime()]);
        var chats = new List<string>();
        string[] answers = stream
            ? [SseCalls(("get_time", "{\"timezone\": \"Eu", "rope/Paris\"}"), ("add", "{\"a\": 1, ", "\"b\": 2}")), SseCalls(("add", "{\"a\": 3,", " \"b\": 4}")), SseText("Done.")]
            : [JsonCalls(("get_time", """{"timezone":"Europe/Paris"}"""), ("add", """{"a":1,"b":2}""")), JsonCalls(("add", """{"a":3,"b":4}""")), JsonText("Done.")];
        var chat = new DelegateHandler(async (request, ct) =>
        {
            var sent = await request.Content!.ReadAsStringAsync(ct);
            int index;
            lock (chats)
            {
                chats.Add(sent);
                index = chats.Count - 1;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answers[Math.Min(index, answers.Length - 1)], Encoding.UTF8, stream ? "text/event-stream" : "application/json") };
        });
        var management = new ReplayHandler().Always("tools/01-props").Always("single/04-v1-models").Always("single/03-models");
        await using var host = LlamaCppTestHost.Create(new RoutingHandler(management, chat));
        using var client = new ChatPipeline(TimeProvider.System).Create(host, "<model-file>", bed.Invoker());
        var options = new ChatOptions { Tools = [.. bed.Toolbox.Tools.Where(t => t.Name is "get_time" or "add")], ToolMode = ChatToolMode.Auto };
        ChatMessage[] messages = [new(ChatRole.User, "Time in Paris, and 1 + 2, then 3 + 4?")];

        var text = stream ? await StreamTextAsync(client, messages, options) : (await client.GetResponseAsync(messages, options, Token)).Text;

        Assert.Equal("Done.", text);
        Assert.Equal(3, chats.Count);
        var last = System.Text.Json.Nodes.JsonNode.Parse(chats[2])!["messages"]!.AsArray();
        // user, assistant(2 calls), tool, tool, assistant(1 call), tool
        Assert.Equal(["user", "assistant", "tool", "tool", "assistant", "tool"], last.Select(m => (string?)m!["role"]));
        var ids = new[] { last[1]!["tool_calls"]![0]!, last[1]!["tool_calls"]![1]!, last[4]!["tool_calls"]![0]! }.Select(c => (string)c["id"]!).ToList();
        Assert.All(ids, id => Assert.StartsWith("call_", id, StringComparison.Ordinal));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids, new[] { last[2]!, last[3]!, last[5]! }.Select(m => (string)m["tool_call_id"]!));
        Assert.Equal([ParisTime, "3", "7"], new[] { last[2]!, last[3]!, last[5]! }.Select(m => (string?)m["content"]));
        Assert.Equal("{\"timezone\":\"Europe/Paris\"}", (string?)last[1]!["tool_calls"]![0]!["function"]!["arguments"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ollama_WrittenWholeToolCalls_ResultSentAsRoleToolWithToolName(bool stream)
    {
        // Written from ollama-api.md, not recorded: Ollama sends each call whole (arguments as an object), often
        // without an id, and takes the result back as role "tool" with tool_name.
        await using var bed = await McpTestBed.StartAsync(extra: [GetTime()]);
        var chats = new List<string>();
        const string call = """{"model":"qwen3:0.6b","created_at":"2026-12-01T21:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"index":0,"name":"get_time","arguments":{"timezone":"Europe/Paris"}}}]},"done":false}""";
        const string callDone = """{"model":"qwen3:0.6b","created_at":"2026-12-01T21:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1000000,"eval_count":9,"eval_duration":900000}""";
        const string oneCall = """{"model":"qwen3:0.6b","created_at":"2026-12-01T21:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"index":0,"name":"get_time","arguments":{"timezone":"Europe/Paris"}}}]},"done":true,"done_reason":"stop","total_duration":1000000,"eval_count":9,"eval_duration":900000}""";
        const string answerStart = """{"model":"qwen3:0.6b","created_at":"2026-12-01T21:00:01Z","message":{"role":"assistant","content":"It is 22:00 "},"done":false}""";
        const string answerEnd = """{"model":"qwen3:0.6b","created_at":"2026-12-01T21:00:01Z","message":{"role":"assistant","content":"in Paris."},"done":true,"done_reason":"stop","total_duration":1000000,"eval_count":6,"eval_duration":500000}""";
        const string answer = """{"model":"qwen3:0.6b","created_at":"2026-12-01T21:00:01Z","message":{"role":"assistant","content":"It is 22:00 in Paris."},"done":true,"done_reason":"stop","total_duration":1000000,"eval_count":6,"eval_duration":500000}""";
        string[] bodies = stream ? [call + "\n" + callDone + "\n", answerStart + "\n" + answerEnd + "\n"] : [oneCall, answer];
        var server = new DelegateHandler(async (request, ct) =>
        {
            var sent = await request.Content!.ReadAsStringAsync(ct);
            int index;
            lock (chats)
            {
                chats.Add(sent);
                index = chats.Count - 1;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(bodies[Math.Min(index, bodies.Length - 1)], Encoding.UTF8, stream ? "application/x-ndjson" : "application/json") };
        });
        await using var host = OllamaTestHost.Create(server);
        using var client = new ChatPipeline(TimeProvider.System).Create(host, "qwen3:0.6b", bed.Invoker());
        var options = new ChatOptions { Tools = [.. bed.Toolbox.Tools.Where(t => t.Name == "get_time")], ToolMode = ChatToolMode.Auto };
        ChatMessage[] messages = [new(ChatRole.User, "What time is it in Paris?")];

        var text = stream ? await StreamTextAsync(client, messages, options) : (await client.GetResponseAsync(messages, options, Token)).Text;

        Assert.Equal("It is 22:00 in Paris.", text);
        Assert.Equal(2, chats.Count);
        var first = System.Text.Json.Nodes.JsonNode.Parse(chats[0])!;
        Assert.Equal("get_time", (string?)first["tools"]![0]!["function"]!["name"]);
        var followUp = System.Text.Json.Nodes.JsonNode.Parse(chats[1])!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "tool"], followUp.Select(m => (string?)m!["role"]));
        var sentCall = followUp[1]!["tool_calls"]![0]!;
        Assert.Equal("Europe/Paris", (string?)sentCall["function"]!["arguments"]!["timezone"]);
        var tool = followUp[2]!;
        Assert.Equal("get_time", (string?)tool["tool_name"]);
        Assert.Equal((string?)sentCall["id"], (string?)tool["tool_call_id"]);
        Assert.Equal(ParisTime, (string?)tool["content"]);
    }

    [Theory]
    [InlineData("tools/01-props", true)]
    [InlineData("single/02-props", false)]
    public async Task LlamaCpp_Gate_ReadsChatTemplateCaps(string props, bool supported)
    {
        var server = new ReplayHandler().Always(props).Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        Assert.Equal(supported, await host.SupportsToolsAsync("model", Token));
    }

    [Theory]
    [InlineData("""{"capabilities":["completion","tools"]}""", true)]
    [InlineData("""{"capabilities":["completion"]}""", false)]
    public async Task Ollama_Gate_ReadsShowCapabilities(string show, bool supported)
    {
        // Written from ollama-api.md (/api/show), not recorded.
        var server = new DelegateHandler((request, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(request.RequestUri!.AbsolutePath.EndsWith("/api/tags", StringComparison.Ordinal)
                ? """{"models":[{"name":"qwen2:0.5b","model":"qwen2:0.5b","size":1,"details":{"family":"qwen2"}}]}"""
                : show, Encoding.UTF8, "application/json"),
        }));
        await using var host = OllamaTestHost.Create(server);

        Assert.Equal(supported, await host.SupportsToolsAsync("qwen2:0.5b", Token));
    }

    private static async Task<string> StreamTextAsync(IChatClient client, ChatMessage[] messages, ChatOptions options)
    {
        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, Token))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private static string Chunk(string delta, string? finish = null) =>
        "data: {\"choices\":[{\"finish_reason\":" + (finish is null ? "null" : "\"" + finish + "\"") + ",\"index\":0,\"delta\":" + delta + "}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n";

    private static string Q(string text) => System.Text.Json.JsonSerializer.Serialize(text, McpTestJson.Default.String);

    /// <summary>Streamed calls without ids: the first fragment of each has the name, the rest only argument pieces.</summary>
    private static string SseCalls(params (string Name, string First, string Later)[] calls)
    {
        var body = new StringBuilder(Chunk("""{"role":"assistant","content":null}"""));
        for (var i = 0; i < calls.Length; i++)
        {
            body.Append(Chunk("{\"tool_calls\":[{\"index\":" + i + ",\"type\":\"function\",\"function\":{\"name\":" + Q(calls[i].Name) + ",\"arguments\":" + Q(calls[i].First) + "}}]}"));
        }

        for (var i = 0; i < calls.Length; i++)
        {
            body.Append(Chunk("{\"tool_calls\":[{\"index\":" + i + ",\"function\":{\"arguments\":" + Q(calls[i].Later) + "}}]}"));
        }

        return body.Append(Chunk("{}", "tool_calls")).Append("data: [DONE]\n\n").ToString();
    }

    private static string SseText(string text) =>
        Chunk("""{"role":"assistant","content":null}""") + Chunk("{\"content\":" + Q(text) + "}") + Chunk("{}", "stop") + "data: [DONE]\n\n";

    private static string JsonCalls(params (string Name, string Arguments)[] calls) =>
        "{\"choices\":[{\"finish_reason\":\"tool_calls\",\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + string.Join(",", calls.Select(c => "{\"type\":\"function\",\"function\":{\"name\":" + Q(c.Name) + ",\"arguments\":" + Q(c.Arguments) + "}}"))
        + "]}}],\"object\":\"chat.completion\",\"model\":\"m\"}";

    private static string JsonText(string text) =>
        "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Q(text) + "}}],\"object\":\"chat.completion\",\"model\":\"m\"}";
}
