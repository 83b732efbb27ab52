using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Hosts;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>Chat over /v1/chat/completions, replayed from the recorded server, plus stream shapes from the API notes.</summary>
public sealed class LlamaCppChatTests
{
    private static readonly ChatMessage[] s_story =
    [
        new(ChatRole.System, "You are a helpful assistant who tells short stories."),
        new(ChatRole.User, "Tell me a short story about a cat."),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The options of the recorded requests (router-basic/11 and 12).</summary>
    private static ChatOptions RecordedOptions() => new()
    {
        Temperature = 0,
        Seed = 42,
        TopK = 40,
        MaxOutputTokens = 40,
        AdditionalProperties = new() { ["min_p"] = 0.05, ["repeat_penalty"] = 1.1 },
    };

    /// <summary>A router whose stories260K is loaded, answering chats from the given recordings in order.</summary>
    private static ReplayHandler LoadedRouter(params RecordedExchange[] chats)
    {
        var server = new ReplayHandler(chats).Always("router-basic/02-props");
        server.Always("router-basic/08-models-loaded");
        return server;
    }

    private static RecordedExchange Chat(string name) => RecordedExchange.Load(name);

    private static RecordedExchange Stream(string body) => Chat("router-basic/12-chat-stream-usage").WithBody(body);

    private static async Task<(List<ChatResponseUpdate> Updates, string Text)> StreamAsync(IChatClient client, ChatOptions? options = null, IEnumerable<ChatMessage>? messages = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages ?? s_story, options, Token))
        {
            updates.Add(update);
        }

        return (updates, string.Concat(updates.Select(u => u.Text)));
    }

    private static ResponseMetrics MetricsOf(AdditionalPropertiesDictionary? properties) =>
        Assert.IsType<ResponseMetrics>(properties?[ResponseMetrics.PropertyKey]);

    [Fact]
    public async Task NonStreaming_TextFinishUsageAndServerMetrics()
    {
        var recorded = Chat("router-basic/11-chat");
        var server = LoadedRouter(recorded);
        await using var host = LlamaCppTestHost.Create(server);

        var response = await host.GetChatClient("stories260K").GetResponseAsync(s_story, RecordedOptions(), Token);

        Assert.Equal("\"Here,\" Annack. \"I'm going to the park and make a bug!\" said his friend, a", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("stories260K", response.ModelId);
        Assert.Equal(117, response.Usage!.InputTokenCount);
        Assert.Equal(40, response.Usage.OutputTokenCount);
        var metrics = MetricsOf(response.AdditionalProperties);
        Assert.Equal(Metric.Server(117), metrics.PromptTokens);
        Assert.Equal(Metric.Server(0), metrics.CachedTokens);
        Assert.Equal(Metric.Server(36.552), metrics.PromptMs);
        Assert.Equal(Metric.Server(3200.919238345371), metrics.PromptTokensPerSecond);
        Assert.Equal(Metric.Server(40), metrics.CompletionTokens);
        Assert.Equal(Metric.Server(26.186), metrics.GenerationMs);
        Assert.Equal(Metric.Server(1489.3454517681203), metrics.GenerationTokensPerSecond);
        Assert.Equal(Metric.Client(0), metrics.LoadMs);
    }

    [Fact]
    public async Task NonStreaming_RequestJson_ExactlyAsRecorded()
    {
        var recorded = Chat("router-basic/11-chat");
        var server = LoadedRouter(recorded);
        await using var host = LlamaCppTestHost.Create(server);

        await host.GetChatClient("stories260K").GetResponseAsync(s_story, RecordedOptions(), Token);

        var sent = server.Requests.Single(r => r.Path == "/v1/chat/completions").Json;
        Assert.True(JsonNode.DeepEquals(recorded.RequestBody, sent), $"sent {sent}\nrecorded {recorded.RequestBody}");
    }

    [Fact]
    public async Task Streaming_TokensInOrder_WhitespaceKept_MetricsFromUsageChunk()
    {
        var recorded = Chat("router-basic/12-chat-stream-usage");
        var server = LoadedRouter(recorded);
        await using var host = LlamaCppTestHost.Create(server);

        var (updates, text) = await StreamAsync(host.GetChatClient("stories260K"), RecordedOptions());

        var expected = ExpectedDeltas(recorded.ResponseBody);
        Assert.Equal(expected, updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        Assert.Contains(" ", expected);
        Assert.Equal("\"Here,\" Annack. \"I'm going to the park and make a bug!\" said his friend, a", text);
        var final = updates[^1];
        Assert.Equal(ChatFinishReason.Length, final.FinishReason);
        var usage = Assert.Single(final.Contents.OfType<UsageContent>());
        Assert.Equal(117, usage.Details.InputTokenCount);
        var metrics = MetricsOf(final.AdditionalProperties);
        Assert.Equal(40, metrics.CompletionTokens!.Value.Value);
        Assert.Equal(MetricSource.Server, metrics.GenerationTokensPerSecond!.Value.Source);
        var sent = server.Requests.Single(r => r.Path == "/v1/chat/completions");
        Assert.True(JsonNode.DeepEquals(recorded.RequestBody, sent.Json), $"sent {sent.Body}");
        Assert.Equal("text/event-stream", sent.Accept);
    }

    [Fact]
    public async Task Streaming_JsonSchema_TimingsOnFinishChunk_NoUsage()
    {
        var recorded = Chat("router-basic/13-chat-stream-json-schema");
        var server = LoadedRouter(recorded);
        await using var host = LlamaCppTestHost.Create(server);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""").RootElement;
        var options = RecordedOptions();
        options.MaxOutputTokens = 200;
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "person");

        var (updates, text) = await StreamAsync(host.GetChatClient("stories260K"), options);

        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("name").ValueKind);
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Empty(updates[^1].Contents.OfType<UsageContent>());
        Assert.NotNull(MetricsOf(updates[^1].AdditionalProperties).GenerationMs);
        var sent = server.Requests.Single(r => r.Path == "/v1/chat/completions").Json!;
        Assert.Equal("json_schema", (string?)sent["response_format"]!["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema.GetRawText()), sent["response_format"]!["json_schema"]!["schema"]));
    }

    [Fact]
    public async Task JsonMode_WithoutSchema_AlwaysSendsObjectSchema()
    {
        var server = LoadedRouter(Chat("router-basic/14-chat-json-object"));
        await using var host = LlamaCppTestHost.Create(server);

        await host.GetChatClient("stories260K").GetResponseAsync(s_story, new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, Token);

        var sent = server.Requests.Single(r => r.Path == "/v1/chat/completions").Json!;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object"}}}"""),
            sent["response_format"]));
    }

    [Fact]
    public async Task Tools_RequestJson_AsRecorded()
    {
        var recorded = Chat("router-basic/19-chat-tools");
        var server = LoadedRouter(recorded);
        await using var host = LlamaCppTestHost.Create(server);
        var recordedTool = recorded.RequestBody!["tools"]![0]!["function"]!;
        var tool = AIFunctionFactory.CreateDeclaration(
            (string)recordedTool["name"]!, (string?)recordedTool["description"], JsonDocument.Parse(recordedTool["parameters"]!.ToJsonString()).RootElement);
        var body = recorded.RequestBody!;
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.Auto };
        foreach (var (key, value) in body.AsObject())
        {
            switch (key)
            {
                case "temperature": options.Temperature = (float)value!; break;
                case "seed": options.Seed = (long)value!; break;
                case "max_tokens": options.MaxOutputTokens = (int)value!; break;
                case "top_k": options.TopK = (int)value!; break;
                case "model" or "messages" or "tools" or "tool_choice": break;
                default: (options.AdditionalProperties ??= [])[key] = JsonDocument.Parse(value!.ToJsonString()).RootElement; break;
            }
        }

        var messages = body["messages"]!.AsArray().Select(m => new ChatMessage(new ChatRole((string)m!["role"]!), (string)m["content"]!)).ToList();

        var response = await host.GetChatClient("stories260K").GetResponseAsync(messages, options, Token);

        var sent = server.Requests.Single(r => r.Path == "/v1/chat/completions").Json;
        Assert.True(JsonNode.DeepEquals(body, sent), $"sent {sent}\nrecorded {body}");
        Assert.Empty(response.Messages[0].Contents.OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task Streaming_ReasoningKeptApart_ToolCallFragmentsMerged()
    {
        // Delta shapes from the API notes (no small model in shared/models produces them).
        var body =
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            ": keep-alive\n\n" +
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"reasoning_content\":\"Need the \"}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"reasoning_content\":\"time.\"}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"zo\"}}]}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_date\",\"arguments\":\"{}\"}}]}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ne\\\":\\\"UTC\\\"}\"}}]}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"finish_reason\":\"tool_calls\",\"index\":0,\"delta\":{}}],\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\",\"timings\":{\"prompt_n\":5,\"predicted_n\":9}}\n\n" +
            "data: [DONE]\n\n";
        await using var host = LlamaCppTestHost.Create(LoadedRouter(Stream(body)));

        var (updates, text) = await StreamAsync(host.GetChatClient("stories260K"));

        Assert.Equal("", text);
        Assert.Equal("Need the time.", string.Concat(updates.SelectMany(u => u.Contents.OfType<TextReasoningContent>()).Select(r => r.Text)));
        var calls = updates[^1].Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_a", "get_time"), (calls[0].CallId, calls[0].Name));
        Assert.Equal("UTC", calls[0].Arguments!["zone"]!.ToString());
        Assert.Equal(("call_b", "get_date"), (calls[1].CallId, calls[1].Name));
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Streaming_ErrorEvent_RaisesWithPartialText()
    {
        var body =
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"Once\"}}],\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\" upon\"}}],\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"error\":{\"code\":500,\"message\":\"context shift is disabled\",\"type\":\"server_error\"}}\n\n";
        await using var host = LlamaCppTestHost.Create(LoadedRouter(Stream(body)));

        var error = await Assert.ThrowsAsync<HostException>(() => StreamAsync(host.GetChatClient("stories260K")));

        Assert.Equal("stories260K on host lab: context shift is disabled", error.Message);
        Assert.Equal("Once upon", error.PartialText);
    }

    [Fact]
    public async Task Streaming_EofWithoutDone_StreamEndedEarly_KeepsText()
    {
        var recorded = Chat("router-basic/12-chat-stream-usage");
        var cut = recorded.ResponseBody[..recorded.ResponseBody.IndexOf("\"content\":\" \"", StringComparison.Ordinal)];
        cut = cut[..(cut.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)];
        await using var host = LlamaCppTestHost.Create(LoadedRouter(recorded.WithBody(cut)));

        var error = await Assert.ThrowsAsync<HostException>(() => StreamAsync(host.GetChatClient("stories260K")));

        Assert.Equal("the answer from stories260K on host lab stream ended early (no end-of-stream marker)", error.Message);
        Assert.Equal("\"Here,\"", error.PartialText);
    }

    [Fact]
    public async Task Streaming_ChildKilled_ProxyErrorTail_SaysCrashedMidAnswer()
    {
        var recorded = Chat("crash/02-chat-stream-child-killed");
        await using var host = LlamaCppTestHost.Create(LoadedRouter(recorded));

        var error = await Assert.ThrowsAsync<HostException>(() => StreamAsync(host.GetChatClient("stories260K")));

        Assert.Equal("the model process for stories260K on host lab crashed mid-answer", error.Message);
        Assert.Equal(string.Concat(ExpectedDeltas(recorded.ResponseBody)), error.PartialText);
        Assert.StartsWith("Any might", error.PartialText);
    }

    [Fact]
    public async Task NonStreaming_ChildKilled_PlainText500_SaysCrashed()
    {
        await using var host = LlamaCppTestHost.Create(LoadedRouter(Chat("crash/05-chat-child-killed")));

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("stories260K").GetResponseAsync(s_story, null, Token));

        Assert.Equal("the model process for stories260K on host lab crashed", error.Message);
    }

    [Theory]
    [InlineData("router-basic/24-chat-exceed-context", false)]
    [InlineData("router-basic/25-chat-exceed-context-stream", true)]
    public async Task ExceedContext_SaysTokensAndContext(string fixture, bool stream)
    {
        await using var host = LlamaCppTestHost.Create(LoadedRouter(Chat(fixture)));
        var client = host.GetChatClient("stories260K");

        var error = await Assert.ThrowsAsync<HostException>(() => stream ? StreamAsync(client) : client.GetResponseAsync(s_story, null, Token));

        Assert.Equal("stories260K on host lab: prompt has 1162 tokens but the context holds 512; shorten the prompt or start the model with a larger --ctx-size", error.Message);
    }

    [Fact]
    public async Task BrokenModel_500_KeepsServerMessage()
    {
        await using var host = LlamaCppTestHost.Create(LoadedRouter(Chat("router-basic/28-chat-broken")));

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("stories260K").GetResponseAsync(s_story, null, Token));

        Assert.Equal("stories260K on host lab: model name=broken failed to load (HTTP 500)", error.Message);
    }

    [Fact]
    public async Task UnknownModel_NamesKnownModelsBeforeSending()
    {
        var server = LoadedRouter();
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("no-such-model").GetResponseAsync(s_story, null, Token));

        Assert.Equal("model no-such-model not found on host lab (known: broken, stories260K, tiny-random)", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/v1/chat/completions");
    }

    [Fact]
    public async Task UnknownModel_ServerAnswer_KeptAsMessage()
    {
        var error = Agon.Hosts.LlamaCpp.LlamaCppErrors.FromBody(
            System.Net.HttpStatusCode.BadRequest, System.Text.Encoding.UTF8.GetBytes(Chat("router-basic/17-chat-unknown-model").ResponseBody), "lab", "no-such-model");

        Assert.Equal("no-such-model on host lab: model 'no-such-model' not found (HTTP 400)", error.Message);
    }

    [Fact]
    public async Task AutoloadOff_NotLoaded_SuggestsLoadCommand()
    {
        var props = RecordedExchange.Load("router-basic/02-props");
        var server = new ReplayHandler()
            .Always(props.WithBody(props.ResponseBody.Replace("\"models_autoload\": true", "\"models_autoload\": false", StringComparison.Ordinal)))
            .Always("router-basic/03-models-all-unloaded");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("stories260K").GetResponseAsync(s_story, null, Token));

        Assert.Equal("model stories260K is not loaded on host lab and the host does not load models on demand; run: agon load models stories260K --host lab", error.Message);
    }

    [Fact]
    public void AutoloadOff_ServerAnswer_SuggestsLoadCommand()
    {
        var error = Agon.Hosts.LlamaCpp.LlamaCppErrors.FromBody(
            System.Net.HttpStatusCode.BadRequest, System.Text.Encoding.UTF8.GetBytes(Chat("router-noautoload/01-chat-not-loaded").ResponseBody), "lab", "stories260K");

        Assert.EndsWith("run: agon load models stories260K --host lab", error.Message);
    }

    [Fact]
    public async Task ModelNotLoaded_LoadedFirst_LoadTimeReported()
    {
        var server = new ReplayHandler(
                RecordedExchange.Load("router-basic/03-models-all-unloaded"),
                RecordedExchange.Load("router-basic/06-models-load"), RecordedExchange.Load("router-basic/08-models-loaded"), Chat("router-basic/11-chat"))
            .Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);

        var response = await host.GetChatClient("stories260K").GetResponseAsync(s_story, RecordedOptions(), Token);

        var loadMs = MetricsOf(response.AdditionalProperties).LoadMs!.Value;
        Assert.Equal(MetricSource.Client, loadMs.Source);
        Assert.True(loadMs.Value >= 0);
        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task SecondTurn_NoExtraModelRequests()
    {
        var server = LoadedRouter(Chat("router-basic/11-chat"), Chat("router-basic/11-chat"));
        await using var host = LlamaCppTestHost.Create(server);
        var client = host.GetChatClient("stories260K");

        await client.GetResponseAsync(s_story, null, Token);
        var second = await client.GetResponseAsync(s_story, null, Token);

        Assert.Equal(1, server.Requests.Count(r => r.Path == "/models"));
        Assert.Null(MetricsOf(second.AdditionalProperties).LoadMs);
    }

    [Fact]
    public async Task Single_ItsOwnModel_Answers()
    {
        var server = new ReplayHandler(Chat("single/07-chat-stream")).Always("single/02-props").Always("single/03-models").Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        var (updates, text) = await StreamAsync(host.GetChatClient("<model-file>"));

        Assert.StartsWith("\"Here,\" Annack.", text);
        Assert.Equal("<model-file>", updates[^1].ModelId);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/models");
    }

    [Fact]
    public async Task Single_OtherModelName_RefusedBeforeSending()
    {
        // The server would answer "gpt-4o-mini" with its own model (single/06): a wrong name is refused instead.
        var server = new ReplayHandler(Chat("single/06-chat")).Always("single/02-props").Always("single/03-models").Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("gpt-4o-mini").GetResponseAsync(s_story, null, Token));

        Assert.Equal("host lab serves only <model-file>; use lab/<model-file>", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Auth_ChatWithKey_BearerSent()
    {
        var server = new ReplayHandler(
                RecordedExchange.Load("router-auth/03-models-bearer"),
                RecordedExchange.Load("router-basic/06-models-load"), RecordedExchange.Load("router-basic/08-models-loaded"), Chat("router-auth/06-chat-bearer"))
            .Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server, apiKey: "test-key-123");

        await host.GetChatClient("stories260K").GetResponseAsync(s_story, null, Token);

        Assert.All(server.Requests, r => Assert.Equal("Bearer test-key-123", r.Authorization));
    }

    [Fact]
    public async Task Auth_ChatWithoutKey_401_SaysKeyRejected()
    {
        var server = new ReplayHandler(Chat("router-auth/05-chat-no-key")).Always("router-basic/02-props").Always("router-basic/08-models-loaded");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetChatClient("stories260K").GetResponseAsync(s_story, null, Token));

        Assert.Equal("host lab rejected the API key (check apiKeyEnv or apiKeyFile)", error.Message);
    }

    [Fact]
    public async Task NoAnswer_BoundedByHostTimeout_OneLine()
    {
        var management = new ReplayHandler().Always("router-basic/02-props").Always("router-basic/08-models-loaded");
        var server = new BlockingHandler();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var host = LlamaCppTestHost.Create(new RoutingHandler(management, server), timeout: TimeSpan.FromSeconds(600), clock: clock);

        var chat = StreamAsync(host.GetChatClient("stories260K"));
        await server.Received.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(601));
        var error = await Assert.ThrowsAsync<HostException>(() => chat);

        Assert.Equal("host lab did not answer POST /v1/chat/completions within 600 s", error.Message);
    }

    [Fact]
    public async Task StalledStream_BoundedByHostTimeout_KeepsText()
    {
        var management = new ReplayHandler().Always("router-basic/02-props").Always("router-basic/08-models-loaded");
        var stall = new StallingHandler("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Once\"}}]}\n\n", "text/event-stream");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var host = LlamaCppTestHost.Create(new RoutingHandler(management, stall), timeout: TimeSpan.FromSeconds(30), clock: clock);

        var chat = StreamAsync(host.GetChatClient("stories260K"));
        await stall.Stalled.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(31));
        var error = await Assert.ThrowsAsync<HostException>(() => chat);

        Assert.Equal("host lab: the next token from stories260K (the answer stalled) took longer than the timeout of 30 s", error.Message);
        Assert.Equal("Once", error.PartialText);
    }

    [Fact]
    public async Task Cancel_WhileWaitingForTheAnswer_StopsTheRequest()
    {
        var server = new ReplayHandler().Always("router-basic/02-props").Always("router-basic/08-models-loaded");
        var blocking = new BlockingHandler();
        await using var host = LlamaCppTestHost.Create(new RoutingHandler(server, blocking));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = Task.Run(async () =>
        {
            await foreach (var _ in host.GetChatClient("stories260K").GetStreamingResponseAsync(s_story, null, cts.Token))
            {
            }
        }, Token);
        await blocking.Received.WaitAsync(Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    /// <summary>The text of every content delta in a recorded SSE body, in order.</summary>
    private static List<string> ExpectedDeltas(string sse)
    {
        var deltas = new List<string>();
        foreach (var line in sse.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line[6..]);
            if (chunk.RootElement.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                && content.GetString()!.Length > 0)
            {
                deltas.Add(content.GetString()!);
            }
        }

        return deltas;
    }
}
