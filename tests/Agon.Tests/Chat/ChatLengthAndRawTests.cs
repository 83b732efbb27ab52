using System.Text.Json.Nodes;
using Agon.Configuration;
using Agon.Hosts;

namespace Agon.Tests.Chat;

/// <summary>
/// <c>--max-tokens</c> (and -1 for no limit) on the wire of every backend, the words after a length stop, and
/// <c>--raw</c>: llama.cpp <c>/completion</c> (recorded), Ollama <c>/api/generate</c> raw (written), the in-process
/// engine without a template (the tiny real model).
/// </summary>
public sealed class ChatLengthAndRawTests
{
    private const string Config = """
        {"hosts": [
          {"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"], "systemprompt": "You are a helpful assistant who tells short stories.",
           "parameters": {"temperature": 0, "seed": 42, "top_k": 40, "min_p": 0.05, "repeat_penalty": 1.1, "max_tokens": 40}},
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}
        ]}
        """;

    private static ReplayHandler Router(params string[] script) =>
        new ReplayHandler(script.Select(RecordedExchange.Load).ToArray()).Always("router-basic/02-props").Always("router-basic/08-models-loaded");

    private static async Task<CliResult> RunAsync(FakeEnvironment env, string args, Dictionary<string, HttpMessageHandler> servers, string config = Config)
    {
        env.WriteConfig(config);
        return await AgonRunner.RunAsync(env, args, (HostConfig h) => servers[h.Name]);
    }

    private static JsonNode Sent(ReplayHandler server, string path) => server.Requests.Single(r => r.Path == path).Json!;

    [Fact]
    public async Task Raw_LlamaCpp_StreamsFromCompletion_ContinuesTheStory_MetricsFromTimings()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-completion/02-completion-stream");

        var result = await RunAsync(env, "chat --raw -t router/stories260K -p \"Once upon a time\" --max-tokens 30", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(", there was a little girl named Lily. She loved to play outside in the park with her friends\n", result.StdOut);
        Assert.Matches(@"^\(stopped at the 30-token limit\)\nttft \d+(\.\d)? ms · prompt 1 tok \(\+4 cached\) 3205 tok/s · gen 30 tok 3485\.2 tok/s · total \d+(\.\d)? ms\n$", result.StdErr);
        var sent = Sent(router, "/completion");
        Assert.True(JsonNode.DeepEquals(RecordedExchange.Load("router-completion/02-completion-stream").RequestBody, sent), sent.ToJsonString());
        Assert.DoesNotContain(router.Requests, r => r.Path == "/v1/chat/completions");
    }

    [Fact]
    public async Task Raw_LlamaCpp_StreamCutBeforeStopEvent_StreamEndedEarly_KeepsText_Exit1()
    {
        using var env = new FakeEnvironment();
        var recorded = RecordedExchange.Load("router-completion/02-completion-stream");
        var cut = recorded.ResponseBody[..recorded.ResponseBody.IndexOf("\"stop\":true", StringComparison.Ordinal)];
        cut = cut[..(cut.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)];
        var router = new ReplayHandler(recorded.WithBody(cut)).Always("router-basic/02-props").Always("router-basic/08-models-loaded");

        var result = await RunAsync(env, "chat --raw -t router/stories260K -p \"Once upon a time\" --max-tokens 30", new() { ["router"] = router });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(", there was a little girl", result.StdOut);
        Assert.Contains("the answer from stories260K on host router stream ended early (no end-of-stream marker)", result.StdErr);
    }

    [Fact]
    public async Task Raw_LlamaCpp_NoStream_SameRequestWithoutStream()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-completion/01-completion");

        var result = await RunAsync(env, "chat --raw --no-stream -t router/stories260K -p \"Once upon a time\" --param max_tokens=30 --output json", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        var outcome = JsonNode.Parse(result.StdOut)!["results"]![0]!;
        Assert.Equal(", there was a little girl named Lily. She loved to play outside in the park with her friends", (string?)outcome["content"]);
        Assert.Equal("length", (string?)outcome["finishReason"]);
        Assert.Equal(5, (int)outcome["metrics"]!["promptTokens"]!["value"]!);
        Assert.Equal(30, (int)outcome["metrics"]!["completionTokens"]!["value"]!);
        var sent = Sent(router, "/completion");
        Assert.True(JsonNode.DeepEquals(RecordedExchange.Load("router-completion/01-completion").RequestBody, sent), sent.ToJsonString());
    }

    [Fact]
    public async Task Raw_LlamaCpp_UnknownModel_ServerMessage()
    {
        // The router listed the model a moment ago (so agon sends the request), but no longer has it.
        var listed = RecordedExchange.Load("router-basic/08-models-loaded").WithBody("""{"data":[{"id":"no-such-model","status":{"value":"loaded"}}],"object":"list"}""");
        var server = new ReplayHandler(RecordedExchange.Load("router-completion/05-completion-unknown-model")).Always("router-basic/02-props").Always(listed);
        await using var host = LlamaCppTestHost.Create(server);
        var options = new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 5 };
        RawPrompt.Request(options);

        var error = await Assert.ThrowsAsync<HostException>(() => Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(host.GetChatClient("no-such-model"), "Once upon a time", options, TestContext.Current.CancellationToken));

        Assert.Equal("no-such-model on host lab: model 'no-such-model' not found (HTTP 400)", error.Message);
    }

    [Fact]
    public async Task Raw_Ollama_GenerateWithRawTrue_TextAndLengthStop()
    {
        using var env = new FakeEnvironment();
        var box = new ReplayHandler(RecordedExchange.Load("ollama/generate-raw-stream"));

        var result = await RunAsync(env, "chat --raw -t box/llama3.2 -p \"Once upon a time\" --max-tokens 8", new() { ["box"] = box });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(", there was a little girl named Lily.\n", result.StdOut);
        Assert.StartsWith("(stopped at the 8-token limit)\nttft ", result.StdErr);
        Assert.Contains("gen 8 tok 100.0 tok/s", result.StdErr);
        var sent = Sent(box, "/api/generate");
        Assert.True(JsonNode.DeepEquals(RecordedExchange.Load("ollama/generate-raw-stream").RequestBody, sent), sent.ToJsonString());
    }

    [Fact]
    public async Task Raw_InProcess_NoTemplate_StoriesContinuesTheStory()
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();

        var raw = await AgonRunner.RunAsync(env, $"chat --models-dir {SharedModels.Directory} -t local/stories260K --raw -p \"Once upon a time\" --param temperature=0 --max-tokens 12");
        var chat = await AgonRunner.RunAsync(env, $"chat --models-dir {SharedModels.Directory} -t local/stories260K -p \"Once upon a time\" --param temperature=0 --max-tokens 12");

        Assert.Equal(0, raw.ExitCode);
        Assert.StartsWith(", there was a little", raw.StdOut);
        Assert.StartsWith("(stopped at the 12-token limit)\n", raw.StdErr);
        Assert.NotEqual(raw.StdOut, chat.StdOut);
    }

    [Fact]
    public async Task MaxTokensMinusOne_InProcess_RunsUntilTheContextIsFull()
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();
        env.WriteConfig($$"""{"hosts": [{"name": "local", "type": "embedded", "modelsDir": "{{System.Text.Json.JsonEncodedText.Encode(SharedModels.Directory!)}}", "contextSize": 48}]}""");

        var result = await AgonRunner.RunAsync(env, "chat -t local/stories260K --raw -p \"Once upon a time\" --param temperature=0 --param seed=1 --max-tokens -1 --output json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var outcome = JsonNode.Parse(result.StdOut)!["results"]![0]!;
        Assert.Equal("length", (string?)outcome["finishReason"]);
        var prompt = (int)outcome["metrics"]!["promptTokens"]!["value"]!;
        // llama.cpp rounds the context up (to 256 here): the answer ran until prompt and answer filled it.
        var generated = (int)outcome["metrics"]!["completionTokens"]!["value"]!;
        Assert.True(prompt + generated >= 48, $"{prompt} + {generated}");

        var text = await AgonRunner.RunAsync(env, "chat -t local/stories260K --raw -p \"Once upon a time\" --param temperature=0 --max-tokens -1");
        Assert.StartsWith("(the context is full)\nttft ", text.StdErr);
    }

    [Fact]
    public async Task MaxTokens_OnTheWire_LlamaCppMaxTokens_OllamaNumPredict()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-basic/11-chat");
        var box = new ReplayHandler(RecordedExchange.Load("ollama/chat"));

        var result = await RunAsync(env, "chat -p hi -t router/stories260K -t box/llama3.2 --max-tokens 12 --no-stream", new() { ["router"] = router, ["box"] = box });

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(12, (int)Sent(router, "/v1/chat/completions")["max_tokens"]!);
        Assert.Equal(12, (int)Sent(box, "/api/chat")["options"]!["num_predict"]!);
    }

    [Fact]
    public async Task MaxTokensMinusOne_SentAsNoLimit_ToLlamaCppAndOllama()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-basic/11-chat");
        var box = new ReplayHandler(RecordedExchange.Load("ollama/chat"));

        var result = await RunAsync(env, "chat -p hi -t router/stories260K -t box/llama3.2 --max-tokens -1 --no-stream", new() { ["router"] = router, ["box"] = box });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(-1, (int)Sent(router, "/v1/chat/completions")["max_tokens"]!);
        Assert.Equal(-1, (int)Sent(box, "/api/chat")["options"]!["num_predict"]!);
    }

    [Fact]
    public async Task LengthStopWithoutALimit_SaysTheContextIsFull()
    {
        using var env = new FakeEnvironment();
        var config = Config.Replace(", \"max_tokens\": 40", "", StringComparison.Ordinal);

        var result = await RunAsync(env, "chat -p hi -t router/stories260K", new() { ["router"] = Router("router-basic/12-chat-stream-usage") }, config);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("(the context is full)\nttft ", result.StdErr);
    }

    [Theory]
    [InlineData("--max-tokens 0", "error: --max-tokens 0: give 1 or more tokens, or -1 for no limit")]
    [InlineData("--max-tokens -5", "error: --max-tokens -5: give 1 or more tokens, or -1 for no limit")]
    [InlineData("--max-tokens many", "error: --max-tokens: expected a whole number of tokens, got 'many'")]
    [InlineData("--raw --system \"be brief\"", "error: --raw sends the prompt as it is, without a template, so it takes no --system; put the text in the prompt")]
    public async Task BadLengthOrRawFlags_Exit2(string flags, string message)
    {
        using var env = new FakeEnvironment();
        var router = Router();

        var result = await RunAsync(env, "chat -p hi -t router/stories260K " + flags, new() { ["router"] = router });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.StdErr.Split('\n')[0]);
        Assert.DoesNotContain(router.Requests, r => r.Method == "POST");
    }
}
