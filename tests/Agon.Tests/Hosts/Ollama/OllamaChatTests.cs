using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Hosts.Ollama;

/// <summary>Chat over /api/chat: NDJSON streams, options mapping, JSON mode, tools, thinking, errors, metrics.</summary>
public sealed class OllamaChatTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ChatOptions ToolOptions() => new()
    {
        Temperature = 0.2f,
        Tools = [AIFunctionFactory.CreateDeclaration("get_time", "Current time", JsonDocument.Parse("""{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}""").RootElement)],
        AdditionalProperties = new() { ["num_ctx"] = 8192, ["think"] = true },
    };

    [Fact]
    public async Task Stream_ThinkingTextToolCallAndMetrics()
    {
        var recorded = RecordedExchange.Load("ollama/chat-stream-thinking-tools");
        var server = new ReplayHandler(recorded);
        await using var host = OllamaTestHost.Create(server, keepAlive: "10m");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in host.GetChatClient("qwen3:8b").GetStreamingResponseAsync("What time is it?", ToolOptions(), Token))
        {
            updates.Add(update);
        }

        Assert.Equal("User wants the time.", string.Concat(updates.SelectMany(u => u.Contents.OfType<TextReasoningContent>()).Select(r => r.Text)));
        Assert.Equal("Let me check ", string.Concat(updates.Select(u => u.Text)));
        var call = Assert.Single(updates.SelectMany(u => u.Contents.OfType<FunctionCallContent>()));
        Assert.Equal("get_time", call.Name);
        Assert.Equal("UTC", call.Arguments!["zone"]!.ToString());
        var final = updates[^1];
        Assert.Equal(ChatFinishReason.ToolCalls, final.FinishReason);
        var metrics = Assert.IsType<ResponseMetrics>(final.AdditionalProperties![ResponseMetrics.PropertyKey]);
        Assert.Equal(Metric.Server(1.234567), metrics.LoadMs);
        Assert.Equal(Metric.Server(12), metrics.PromptTokens);
        Assert.Equal(Metric.Server(45.678901), metrics.PromptMs);
        Assert.Equal(Metric.Server(9), metrics.CompletionTokens);
        Assert.Equal(Metric.Server(98.765432), metrics.GenerationMs);
        Assert.Equal(9 / 0.098765432, metrics.GenerationTokensPerSecond!.Value.Value, 6);
        var sent = server.Requests.Single().Json;
        Assert.True(JsonNode.DeepEquals(recorded.RequestBody, sent), $"sent {sent}\nexpected {recorded.RequestBody}");
    }

    [Fact]
    public async Task Stream_ErrorLine_RaisesWithPartialText()
    {
        await using var host = OllamaTestHost.Create(new ReplayHandler(RecordedExchange.Load("ollama/chat-stream-error")));

        var error = await Assert.ThrowsAsync<HostException>(async () =>
        {
            await foreach (var _ in host.GetChatClient("qwen3:8b").GetStreamingResponseAsync("hi", null, Token))
            {
            }
        });

        Assert.Equal("qwen3:8b on host box: an error was encountered while running the model", error.Message);
        Assert.Equal("I think", error.PartialText);
    }

    [Fact]
    public async Task Stream_EndsWithoutDone_StreamEndedEarly()
    {
        var recorded = RecordedExchange.Load("ollama/chat-stream-error");
        var cut = recorded.WithBody(string.Join("\n", recorded.ResponseBody.Split('\n').Take(2)) + "\n");
        await using var host = OllamaTestHost.Create(new ReplayHandler(cut));

        var error = await Assert.ThrowsAsync<HostException>(async () =>
        {
            await foreach (var _ in host.GetChatClient("qwen3:8b").GetStreamingResponseAsync("hi", null, Token))
            {
            }
        });

        Assert.StartsWith("the answer from qwen3:8b on host box stream ended early", error.Message);
        Assert.Equal("I think", error.PartialText);
    }

    [Fact]
    public async Task StalledStream_BoundedByHostTimeout_KeepsText()
    {
        var config = new HostConfig { Name = "box", Type = HostType.Ollama, Url = new Uri("http://127.0.0.1:11434/"), Timeout = TimeSpan.FromMilliseconds(200) };
        var stall = new StallingHandler("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Once\"},\"done\":false}\n", "application/x-ndjson");
        await using var host = new Agon.Hosts.Ollama.OllamaHost(config, new HostHttpClientFactory(new MemoryLog(), TimeProvider.System, _ => stall).Create(config), TimeProvider.System);

        var error = await Assert.ThrowsAsync<HostException>(async () =>
        {
            await foreach (var _ in host.GetChatClient("m").GetStreamingResponseAsync("hi", null, Token))
            {
            }
        });

        Assert.Equal("host box: the next token from m (the answer stalled) took longer than the timeout of 200 ms", error.Message);
        Assert.Equal("Once", error.PartialText);
    }

    [Fact]
    public async Task NonStreaming_TextAndMetricsFromNanoseconds()
    {
        var recorded = RecordedExchange.Load("ollama/chat");
        var server = new ReplayHandler(recorded);
        await using var host = OllamaTestHost.Create(server);

        var response = await host.GetChatClient("llama3.2").GetResponseAsync("Why is the sky blue?", null, Token);

        Assert.Equal("The sky is blue because of Rayleigh scattering.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var metrics = Assert.IsType<ResponseMetrics>(response.AdditionalProperties![ResponseMetrics.PropertyKey]);
        Assert.Equal(Metric.Server(500), metrics.LoadMs);
        Assert.Equal(Metric.Server(1500), metrics.GenerationMs);
        Assert.Equal(259 / 1.5, metrics.GenerationTokensPerSecond!.Value.Value, 6);
        Assert.Equal(26 / 0.13, metrics.PromptTokensPerSecond!.Value.Value, 6);
        Assert.True(JsonNode.DeepEquals(recorded.RequestBody, server.Requests.Single().Json), server.Requests.Single().Body);
    }

    [Fact]
    public void Options_EveryParameterInOptions_MaxTokensAsNumPredict()
    {
        var options = ChatOptionsFactory.Create(new ModelParameters
        {
            Temperature = 0.5,
            TopK = 40,
            TopP = 0.9,
            MinP = 0.05,
            TypicalP = 1.0,
            RepeatLastN = 64,
            RepeatPenalty = 1.1,
            PresencePenalty = 0.1,
            FrequencyPenalty = 0.2,
            Seed = 7,
            MaxTokens = 256,
            Stop = ["</s>"],
            NumCtx = 8192,
            Extra = new Dictionary<string, JsonElement> { ["num_gpu"] = JsonDocument.Parse("99").RootElement },
        });

        var body = JsonNode.Parse(Agon.Hosts.Ollama.OllamaChatRequestWriter.Write("m", [new(ChatRole.User, "hi")], options, stream: true, keepAlive: null))!;

        var expected = JsonNode.Parse("""
            {"temperature":0.5,"top_k":40,"top_p":0.9,"seed":7,"num_predict":256,"presence_penalty":0.1,"frequency_penalty":0.2,
             "stop":["</s>"],"min_p":0.05,"typical_p":1,"repeat_last_n":64,"repeat_penalty":1.1,"num_ctx":8192,"num_gpu":99}
            """)!;
        var actual = body["options"]!.AsObject();
        foreach (var key in new[] { "temperature", "top_p", "presence_penalty", "frequency_penalty" })
        {
            actual[key] = Math.Round((double)actual[key]!, 6);
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), actual.ToJsonString());
        Assert.Null(body["max_tokens"]);
    }

    [Fact]
    public void Format_JsonModeAndSchema()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"integer"}}}""").RootElement;

        var json = JsonNode.Parse(Agon.Hosts.Ollama.OllamaChatRequestWriter.Write("m", [], new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, false, null))!;
        var withSchema = JsonNode.Parse(Agon.Hosts.Ollama.OllamaChatRequestWriter.Write("m", [], new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) }, false, null))!;

        Assert.Equal("json", (string?)json["format"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema.GetRawText()), withSchema["format"]));
    }

    [Fact]
    public void ToolHistory_ToolNameFromTheCall_ArgumentsAsObject()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "time?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_0", "get_time", new Dictionary<string, object?> { ["zone"] = "UTC" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_0", "12:00")]),
        };

        var body = JsonNode.Parse(Agon.Hosts.Ollama.OllamaChatRequestWriter.Write("m", messages, null, false, null))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"role":"user","content":"time?"},
             {"role":"assistant","content":"","tool_calls":[{"id":"call_0","function":{"name":"get_time","arguments":{"zone":"UTC"}}}]},
             {"role":"tool","tool_name":"get_time","tool_call_id":"call_0","content":"12:00"}]
            """), body["messages"]));
    }

    [Fact]
    public async Task UnknownModel_404_NamesKnownModels()
    {
        var server = new ReplayHandler(RecordedExchange.Load("ollama/chat-404"), RecordedExchange.Load("ollama/tags"), RecordedExchange.Load("ollama/ps"));
        await using var host = OllamaTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("nope").GetResponseAsync("hi", null, Token));

        Assert.Equal("model nope not found on host box (known: qwen3:8b, llama3.2:latest, nomic-embed-text:latest)", error.Message);
    }

    [Theory]
    [InlineData("chat-no-tools", "gemma:2b on host box: registry.ollama.ai/library/gemma:2b does not support tools (HTTP 400)")]
    [InlineData("server-error", "gemma:2b on host box: llama runner process has terminated: exit status 2 (HTTP 500)")]
    public async Task HttpErrors_KeepServerMessage(string fixture, string expected)
    {
        await using var host = OllamaTestHost.Create(new ReplayHandler(RecordedExchange.Load("ollama/" + fixture).WithRequest("POST", "/api/chat")));

        var error = await Assert.ThrowsAsync<HostException>(async () =>
        {
            await foreach (var _ in host.GetChatClient("gemma:2b").GetStreamingResponseAsync("hi", null, Token))
            {
            }
        });

        Assert.Equal(expected, error.Message);
    }
}
