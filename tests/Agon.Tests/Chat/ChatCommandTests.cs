using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Configuration;

namespace Agon.Tests.Chat;

/// <summary><c>agon chat</c> against replaying fakes of every backend: modes, JSON verdicts, output formats, failures.</summary>
public sealed class ChatCommandTests
{
    private const string TwoHosts = """
        {"hosts": [
          {"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"], "systemprompt": "You are a helpful assistant who tells short stories.",
           "parameters": {"temperature": 0, "seed": 42, "top_k": 40, "min_p": 0.05, "repeat_penalty": 1.1, "max_tokens": 40}},
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}
        ]}
        """;

    private const string Story = "Tell me a short story about a cat.";

    private static ReplayHandler Router(params string[] chats) =>
        new ReplayHandler(chats.Select(RecordedExchange.Load).ToArray()).Always("router-basic/02-props").Always("router-basic/08-models-loaded");

    private static ReplayHandler Ollama(params string[] chats) =>
        new(chats.Select(c => RecordedExchange.Load("ollama/" + c)).ToArray());

    private static async Task<CliResult> RunAsync(FakeEnvironment env, string args, Dictionary<string, HttpMessageHandler> servers, string config = TwoHosts, string? stdin = null)
    {
        env.WriteConfig(config);
        return await AgonRunner.RunAsync(env, args, (HostConfig h) => servers[h.Name], stdin);
    }

    [Fact]
    public async Task Single_StreamsTokensInOrderToStdout_MetricsOnStderr()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-basic/12-chat-stream-usage");

        var result = await RunAsync(env, $"chat --prompt \"{Story}\"", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("\"Here,\" Annack. \"I'm going to the park and make a bug!\" said his friend, a\n", result.StdOut);
        Assert.Matches(@"^using router/stories260K\n\(stopped at the 40-token limit\)\nttft \d+(\.\d)? ms · prompt 1 tok \(\+116 cached\) 1277 tok/s · gen 40 tok 1372\.6 tok/s · total \d+(\.\d)? ms\n$", result.StdErr);
        var sent = router.Requests.Single(r => r.Path == "/v1/chat/completions").Json!;
        Assert.True(JsonNode.DeepEquals(RecordedExchange.Load("router-basic/12-chat-stream-usage").RequestBody, sent), sent.ToJsonString());
    }

    [Fact]
    public async Task Single_PromptFromStdin()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-basic/12-chat-stream-usage");

        var result = await RunAsync(env, "chat", new() { ["router"] = router }, stdin: Story + "\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Story, (string?)router.Requests.Single(r => r.Path == "/v1/chat/completions").Json!["messages"]![1]!["content"]);
    }

    [Fact]
    public async Task Ndjson_EventOrder_StartDeltasDone()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, $"chat -p \"{Story}\" --output ndjson", new() { ["router"] = Router("router-basic/12-chat-stream-usage") });

        Assert.Equal(0, result.ExitCode);
        var events = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("start", (string?)events[0]["event"]);
        Assert.Equal("done", (string?)events[^1]["event"]);
        Assert.All(events.Skip(1).SkipLast(1), e => Assert.Equal("delta", (string?)e["event"]));
        Assert.All(events, e => Assert.Equal("router/stories260K", (string?)e["target"]));
        Assert.Equal(string.Concat(events.Skip(1).SkipLast(1).Select(e => (string?)e["text"])), (string?)events[^1]["result"]!["content"]);
        Assert.Equal("server", (string?)events[^1]["result"]!["metrics"]!["generationTokensPerSecond"]!["source"]);
        Assert.Equal("client", (string?)events[^1]["result"]!["metrics"]!["ttftMs"]!["source"]);
        Assert.Empty(result.StdErr);
        foreach (var line in result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Schemas.AssertValid("chat-event", line);
        }
    }

    [Fact]
    public async Task Compare_RealConcurrency_BothRequestsInFlightTogether()
    {
        using var env = new FakeEnvironment();
        var (router, box) = RendezvousHandler.Pair(
            Router("router-basic/11-chat"), "/v1/chat/completions",
            Ollama("chat"), "/api/chat");

        var result = await RunAsync(env, $"chat -p \"{Story}\" -t router/stories260K -t box/llama3.2 --no-stream --output json", new() { ["router"] = router, ["box"] = box });

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal("compare", json.RootElement.GetProperty("mode").GetString());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["router/stories260K", "box/llama3.2"], results.Select(r => r.GetProperty("target").GetString()));
        Assert.Equal("The sky is blue because of Rayleigh scattering.", results[1].GetProperty("content").GetString());
        Assert.All(results, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind));
    }

    [Fact]
    public async Task Compare_TwoModelsOnModelsMax1Router_RunOneAfterAnother()
    {
        using var env = new FakeEnvironment();
        var router = new FakeRouter(1, "stories260K", "tiny-random");
        var config = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K", "tiny-random"]}]}""";

        var result = await RunAsync(env, "chat -p hi -t router/stories260K -t router/tiny-random --no-stream", new() { ["router"] = router }, config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("note: host router holds 1 model at a time; its 2 targets run one after another", result.StdErr);
        var chats = router.History.Where(h => h.EndsWith(":chat", StringComparison.Ordinal) || h.EndsWith(":loaded", StringComparison.Ordinal)).ToList();
        Assert.Equal(["stories260K:loaded", "stories260K:chat", "tiny-random:loaded", "tiny-random:chat"], chats);
        Assert.Contains("── router/stories260K ──", result.StdOut);
        Assert.Contains("── router/tiny-random ──", result.StdOut);
    }

    [Fact]
    public async Task Compare_OneHostUnreachable_OtherAnswers_ErrorInItsSlot_Exit1()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, $"chat -p \"{Story}\" -t router/stories260K -t box/llama3.2 --no-stream --output json",
            new() { ["router"] = Router("router-basic/11-chat"), ["box"] = new RefusingHandler() });

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var results = json.RootElement.GetProperty("results");
        Assert.StartsWith("\"Here,\" Annack.", results[0].GetProperty("content").GetString());
        Assert.StartsWith("host box (http://10.0.0.3:11434/) is not reachable", results[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Compare_UnforeseenFailureInOneTarget_StaysInItsSlot()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, $"chat -p \"{Story}\" -t router/stories260K -t box/llama3.2 --no-stream --output json",
            new() { ["router"] = Router("router-basic/11-chat"), ["box"] = new ThrowingHandler(new InvalidDataException("garbled")) });

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal("box/llama3.2: unexpected failure: garbled", results[1].GetProperty("error").GetString());
        Assert.StartsWith("\"Here,\" Annack.", results[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Compare_CrashMidStream_PartialTextKept_OtherUnaffected()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, "chat -p hi -t router/stories260K -t box/llama3.2 --output json",
            new() { ["router"] = Router("crash/02-chat-stream-child-killed"), ["box"] = Ollama("chat-stream-thinking-tools") });

        Assert.Equal(1, result.ExitCode);
        Schemas.AssertValid("chat-result", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal("the model process for stories260K on host router crashed mid-answer", results[0].GetProperty("error").GetString());
        Assert.StartsWith("Any might", results[0].GetProperty("content").GetString());
        Assert.Equal("User wants the time.", results[1].GetProperty("reasoning").GetString());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Compare_TextOutput_HeaderPerTargetWithSummary()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, $"chat -p \"{Story}\" -t router/stories260K -t box/llama3.2 --no-stream",
            new() { ["router"] = Router("router-basic/11-chat"), ["box"] = Ollama("chat") });

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("── router/stories260K ──\n\"Here,\" Annack.", result.StdOut);
        Assert.EndsWith("── box/llama3.2 ──\nThe sky is blue because of Rayleigh scattering.\n\n", result.StdOut);
        var metrics = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("ttft ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, metrics.Count);
        Assert.StartsWith("[router/stories260K] ttft ", metrics[0]);
        Assert.StartsWith("[box/llama3.2] ttft ", metrics[1]);
    }

    [Fact]
    public async Task Pipeline_StageTwoGetsPromptThenStageOneOutput_Exports()
    {
        using var env = new FakeEnvironment();
        var box = Ollama("chat");
        var router = Router("router-basic/11-chat");
        Directory.CreateDirectory(Path.Combine(env.CurrentDirectory, "out"));

        var result = await RunAsync(env, "chat --pipelineMode -p \"Why is the sky blue?\" -t box/llama3.2 -t router/stories260K --no-stream --export out/run.json --exportMarkdown out/run.md",
            new() { ["router"] = router, ["box"] = box });

        Assert.Equal(0, result.ExitCode);
        var messages = router.Requests.Single(r => r.Path == "/v1/chat/completions").Json!["messages"]!.AsArray();
        Assert.Equal(["system", "user", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("Why is the sky blue?", (string?)messages[1]!["content"]);
        Assert.Equal("The sky is blue because of Rayleigh scattering.", (string?)messages[2]!["content"]);
        Assert.Contains("── stage 1 · box/llama3.2 ──", result.StdOut);
        Assert.Contains("── stage 2 · router/stories260K ──", result.StdOut);

        var export = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(env.CurrentDirectory, "out", "run.json"), TestContext.Current.CancellationToken))!;
        var stages = export["stages"]!.AsArray();
        Assert.Equal(2, stages.Count);
        Assert.Equal("box", (string?)stages[0]!["host"]);
        Assert.Equal("stories260K", (string?)stages[1]!["model"]);
        Assert.Equal(40, (int)stages[1]!["parameters"]!["max_tokens"]!);
        Assert.Equal(259, (double)stages[0]!["tokens"]!["completion"]!);
        Assert.Equal(117, (double)stages[1]!["timings"]!["promptTokens"]!["value"]!);
        Assert.Equal("The sky is blue because of Rayleigh scattering.", (string?)stages[1]!["handOff"]);
        Assert.Equal(Agon.Chat.PipelineExport.Hash("The sky is blue because of Rayleigh scattering."), (string?)stages[0]!["outputSha256"]);
        var markdown = await File.ReadAllTextAsync(Path.Combine(env.CurrentDirectory, "out", "run.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Stage 2: router/stories260K", markdown);
    }

    [Fact]
    public async Task Pipeline_FailedStage_StopsAndNamesIt()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-basic/11-chat");

        var result = await RunAsync(env, "chat --pipeline-mode -p hi -t box/llama3.2 -t router/stories260K --no-stream --output json",
            new() { ["router"] = router, ["box"] = Ollama("server-error") });

        Assert.Equal(1, result.ExitCode);
        Schemas.AssertValid("chat-result", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal("stage 1 (box/llama3.2): llama3.2 on host box: llama runner process has terminated: exit status 2 (HTTP 500)", results[0].GetProperty("error").GetString());
        Assert.True(results[1].GetProperty("skipped").GetBoolean());
        Assert.Contains("note: stage 2 (router/stories260K) did not run: stage 1 (box/llama3.2) failed", result.StdErr);
        Assert.DoesNotContain(router.Requests, r => r.Path == "/v1/chat/completions");
    }

    [Fact]
    public async Task Pipeline_InvalidJsonHandOff_StopsWithReason()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, "chat --pipelineMode --jsonMode -p hi -t router/stories260K -t box/llama3.2 --no-stream --output json",
            new() { ["router"] = Router("router-basic/14-chat-json-object"), ["box"] = Ollama("chat") });

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var first = json.RootElement.GetProperty("results")[0];
        Assert.False(first.GetProperty("jsonValid").GetBoolean());
        Assert.StartsWith("stage 1 (router/stories260K) handed off invalid JSON: not valid JSON", first.GetProperty("error").GetString());
        Assert.True(json.RootElement.GetProperty("results")[1].GetProperty("skipped").GetBoolean());
    }

    [Fact]
    public async Task Pipeline_InvalidJsonHandOff_TextShowsTheStageOnceThenTheVerdict()
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, "chat --pipelineMode --jsonMode -p hi -t router/stories260K -t box/llama3.2 --no-stream",
            new() { ["router"] = Router("router-basic/14-chat-json-object"), ["box"] = Ollama("chat") });

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.StdOut.Split('\n'), l => l == "── stage 1 · router/stories260K ──");
        Assert.Contains("error: [router/stories260K] stage 1 (router/stories260K) handed off invalid JSON: not valid JSON", result.StdErr);
        Assert.Contains("note: stage 2 (box/llama3.2) did not run: stage 1 (router/stories260K) handed off invalid JSON", result.StdErr);
    }

    [Fact]
    public async Task JsonSchema_ValidMismatchAndInvalid()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("name.json", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""");
        env.WriteFile("age.json", """{"type":"object","properties":{"age":{"type":"integer"}},"required":["age"]}""");

        var valid = await RunAsync(env, "chat -p hi --json-schema name.json --output json", new() { ["router"] = Router("router-basic/13-chat-stream-json-schema") });
        var mismatch = await RunAsync(env, "chat -p hi --json-schema age.json --output json", new() { ["router"] = Router("router-basic/13-chat-stream-json-schema") });
        var invalid = await RunAsync(env, "chat -p hi --jsonMode --no-stream --output json", new() { ["router"] = Router("router-basic/14-chat-json-object") });

        Assert.Equal(0, valid.ExitCode);
        Assert.True(JsonDocument.Parse(valid.StdOut).RootElement.GetProperty("results")[0].GetProperty("jsonValid").GetBoolean());
        var mismatchResult = JsonDocument.Parse(mismatch.StdOut).RootElement.GetProperty("results")[0];
        Assert.False(mismatchResult.GetProperty("jsonValid").GetBoolean());
        Assert.Equal("$: missing required property 'age'", mismatchResult.GetProperty("jsonErrors")[0].GetString());
        var invalidResult = JsonDocument.Parse(invalid.StdOut).RootElement.GetProperty("results")[0];
        Assert.False(invalidResult.GetProperty("jsonValid").GetBoolean());
        Assert.Equal(0, invalid.ExitCode);
    }

    [Fact]
    public async Task JsonMode_OllamaGetsFormatJson()
    {
        using var env = new FakeEnvironment();
        var box = Ollama("chat");

        await RunAsync(env, "chat -p hi -t box/llama3.2 --json-mode --no-stream", new() { ["box"] = box });

        Assert.Equal("json", (string?)box.Requests.Single().Json!["format"]);
    }

    [Fact]
    public async Task SystemAndParamOverrides_Sent()
    {
        using var env = new FakeEnvironment();
        var router = Router("router-basic/11-chat");

        await RunAsync(env, "chat -p hi --system \"Be terse.\" --param temperature=0.9 --param num_predict=5 --param mirostat=2 --no-stream", new() { ["router"] = router });

        var sent = router.Requests.Single(r => r.Path == "/v1/chat/completions").Json!;
        Assert.Equal("Be terse.", (string?)sent["messages"]![0]!["content"]);
        Assert.Equal(0.9, Math.Round((double)sent["temperature"]!, 5));
        Assert.Equal(5, (int)sent["max_tokens"]!);
        Assert.Equal(2, (int)sent["mirostat"]!);
        Assert.Equal(40, (int)sent["top_k"]!);
    }

    [Theory]
    [InlineData("chat -p hi -t a/1 -t a/2 -t a/3 -t a/4 -t a/5", "error: at most 4 targets, got 5")]
    [InlineData("chat -p hi -t stories260K", "error: --target stories260K: expected host/model")]
    [InlineData("chat -p hi -t nope/m", "error: --target nope/m: unknown host 'nope' (configured: router, box)")]
    [InlineData("chat -p \" \"", "error: no prompt: give one with --prompt TEXT or on stdin")]
    [InlineData("chat -p hi --param temperature", "error: --param temperature: expected key=value")]
    [InlineData("chat -p hi --param top_k=forty", "error: --param top_k: expected a number, got \"forty\"")]
    [InlineData("chat -p hi --json-schema missing.json", "error: --json-schema missing.json: cannot read it")]
    [InlineData("chat -p hi --multimodelMode -t router/stories260K", "error: compare mode needs two to four targets")]
    [InlineData("chat -p hi --output yaml", "error: --output: expected text, json or ndjson, got 'yaml'\nRun 'agon chat --help' for usage.\n")]
    public async Task BadInput_Message_Exit2(string args, string expected)
    {
        using var env = new FakeEnvironment();

        var result = await RunAsync(env, args.Replace("-t a/", "-t router/", StringComparison.Ordinal), new() { ["router"] = Router(), ["box"] = Ollama() });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task BadSchemaFile_NamesLineAndColumn_Exit2()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("bad.json", "{\n  \"type\": \n}");

        var result = await RunAsync(env, "chat -p hi --json-schema bad.json", new() { ["router"] = Router() });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --json-schema bad.json:3:1: invalid JSON", result.StdErr.Trim());
    }

    [Fact]
    public async Task CompareFromConfig_DefaultTargetsFirstModelOfEachHost()
    {
        using var env = new FakeEnvironment();
        var config = TwoHosts.Replace("{\"hosts\"", "{\"multimodelMode\": true, \"hosts\"", StringComparison.Ordinal);

        var result = await RunAsync(env, $"chat -p \"{Story}\" --no-stream --output json", new() { ["router"] = Router("router-basic/11-chat"), ["box"] = Ollama("chat") }, config);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(["router/stories260K", "box/llama3.2"], json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("target").GetString()));
    }
}
