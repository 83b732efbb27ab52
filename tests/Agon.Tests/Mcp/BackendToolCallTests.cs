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
}
