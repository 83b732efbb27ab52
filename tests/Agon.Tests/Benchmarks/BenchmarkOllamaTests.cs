using System.Text.Json;
using Agon.Configuration;
using Agon.Storage;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Benchmarks;

/// <summary>
/// <c>agon benchmark</c> against the fake Ollama (no tokenizer, no <c>ignore_eos</c>), the aggregate of
/// <c>--concurrency K</c>, and what the user sees while it runs.
/// </summary>
public sealed class BenchmarkOllamaTests
{
    private const string OneOllama = """{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}]}""";

    private const string OneRouter = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Db(FakeEnvironment env) => Path.Combine(env.Root, "agon.db");

    private static async Task<CliResult> RunAsync(FakeEnvironment env, string args, HttpMessageHandler server, string config = OneOllama, TimeProvider? clock = null, ConsoleCapabilities? capabilities = null)
    {
        env.WriteConfig(config);
        return await AgonRunner.RunArgsAsync(env, AgonRunner.Split(args), (HostConfig _) => server, Token, timeProvider: clock, capabilities: capabilities);
    }

    [Fact]
    public async Task Ollama_UnloadLoadWarmupRuns_InThisOrderOnTheWire_OneAtATime()
    {
        using var env = new FakeEnvironment();
        var ollama = new BenchOllama("llama3.2").Loaded("llama3.2");

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 64 --tg 8 --db {Db(env)}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["unload llama3.2", "load llama3.2", "chat llama3.2", "chat llama3.2", "chat llama3.2", "chat llama3.2"], ollama.Steps);
        Assert.Equal(1, ollama.MaxInFlight);
        var unload = ollama.Requests.First(r => r.Path == "/api/generate");
        Assert.Equal("0", unload.Json!["keep_alive"]!.ToJsonString());
    }

    [Fact]
    public async Task Ollama_PromptLength_IsCalibratedFromTheWarmupsPromptEvalCount()
    {
        using var env = new FakeEnvironment();
        var ollama = new BenchOllama("llama3.2") { TokensPerWord = 1.6 };

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 64 --tg 8 --json --db {Db(env)}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        var words = ollama.Chats.Select(c => ((string)c["messages"]!.AsArray().Last()!["content"]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToList();

        // The first guess (1.3 tokens a word: nonce + 49 words) counts 80 tokens; 49 × 64/80 ≈ 39 words make the 64 asked.
        Assert.Equal([50, 40, 40, 40], words);
        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.Equal(("calibrated", 64), (target.GetProperty("promptMeasuredBy").GetString(), target.GetProperty("promptTokensMeasured").GetInt32()));
        var prompt = target.GetProperty("figures").GetProperty("promptTokens");
        Assert.Equal((64.0, "server"), (prompt.GetProperty("median").GetDouble(), prompt.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Ollama_Options_Temperature0_Seed_NumPredict_Streaming_FreshNonce_NoLlamaCppKeys()
    {
        using var env = new FakeEnvironment();
        var ollama = new BenchOllama("llama3.2");

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 16 --tg 8 --seed 7 --db {Db(env)}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        var nonces = new HashSet<string>();
        foreach (var chat in ollama.Chats)
        {
            var options = chat["options"]!;
            Assert.Equal((0.0, 7, 8), ((double)options["temperature"]!, (int)options["seed"]!, (int)options["num_predict"]!));
            Assert.True((bool)chat["stream"]!);
            Assert.Null(chat["cache_prompt"]);
            Assert.Null(options["ignore_eos"]);
            Assert.Null(chat["ignore_eos"]);
            var content = (string)chat["messages"]!.AsArray().Single()!["content"]!;
            Assert.Matches("^\\[[0-9a-f]{12}\\] ", content);
            Assert.True(nonces.Add(content[..14]));
        }

        Assert.Equal(3, nonces.Count);
    }

    [Fact]
    public async Task Ollama_FiguresFromItsFinalLine_LoadIsClientMeasured_AndStored()
    {
        using var env = new FakeEnvironment();
        var ollama = new BenchOllama("llama3.2").Loaded("llama3.2");

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 16 --tg 8 --json --db {Db(env)}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("benchmark", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.Equal(("ollama", "0.9.0", "Q4_K_M"), (target.GetProperty("backend").GetString(), target.GetProperty("serverBuild").GetString(), target.GetProperty("quantization").GetString()));
        Assert.Equal("client", target.GetProperty("loadMs").GetProperty("source").GetString());
        var tg = target.GetProperty("figures").GetProperty("generationTokensPerSecond");
        Assert.Equal((40.0, "server"), (tg.GetProperty("median").GetDouble(), tg.GetProperty("source").GetString()));
        Assert.Equal(400.0, target.GetProperty("figures").GetProperty("promptTokensPerSecond").GetProperty("median").GetDouble());
        using var db = AgonDatabase.Open(Db(env));
        Assert.Equal(["cold", "warmup", "run", "run"], new ResponseStore(db).Read(new ResponseFilter(), Token).Select(r => r.Phase));
    }

    [Fact]
    public async Task Ollama_ModelEndingEarly_RunsAreShort_AndSaySo()
    {
        using var env = new FakeEnvironment();
        var ollama = new BenchOllama("llama3.2") { StopAfter = 5 };

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 16 --tg 8 --db {Db(env)}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok (short runs)", result.StdOut);
    }

    [Fact]
    public async Task Concurrency_AggregateTokensPerSecond_IsAllTokensOfARoundOverItsWallTime()
    {
        using var env = new FakeEnvironment();
        var clock = new FakeTimeProvider(AgonRunner.Now);
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        // Each request takes half a second of the clock: a round of two takes one second for 2 × 4 tokens.
        router.OnChat = _ =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            return Task.CompletedTask;
        };

        var json = await RunAsync(env, $"benchmark --runs 2 --concurrency 2 --pp 8 --tg 4 --json --db {Db(env)}", router, OneRouter, clock);
        var table = await RunAsync(env, $"benchmark --runs 2 --concurrency 2 --pp 8 --tg 4 --db {Db(env)}", router, OneRouter, clock);

        Assert.True(json.ExitCode == 0, json.ToString());
        Schemas.AssertValid("benchmark", json.StdOut);
        using var document = JsonDocument.Parse(json.StdOut);
        var aggregate = document.RootElement.GetProperty("results")[0].GetProperty("aggregateTokensPerSecond");
        Assert.Equal((2, 8.0, "client"), (aggregate.GetProperty("n").GetInt32(), aggregate.GetProperty("median").GetDouble(), aggregate.GetProperty("source").GetString()));
        var lines = table.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("AGG tok/s", lines[0]);
        Assert.Contains("8.0 (8.0)", lines[1]);
    }

    [Fact]
    public async Task Terminal_ShowsProgressPerTargetOnStderr_TheTableOnStdout()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 8 --tg 4 --db {Db(env)}", router, OneRouter, capabilities: ConsoleCapabilities.Plain with { ErrorIsTerminal = true });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("router/stories260K  tg 50.0 (50.0) tok/s · pp 80.0 (80.0) tok/s · ok", result.StdErr);
        Assert.DoesNotContain("\u001b", result.StdOut);
        Assert.StartsWith("TARGET", result.StdOut);
    }

    [Fact]
    public async Task NotATerminal_NoProgressDrawing_OneLinePerFinishedTarget()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 8 --tg 4 --db {Db(env)}", router, OneRouter);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("\u001b", result.StdErr);
        Assert.Contains("router/stories260K: tg 50.0 (50.0) tok/s · pp 80.0 (80.0) tok/s · ok", result.StdErr);
    }

    [Fact]
    public async Task Json_NoProgress_NoTable()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 8 --tg 4 --json --db {Db(env)}", router, OneRouter, capabilities: ConsoleCapabilities.Plain with { ErrorIsTerminal = true });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("\u001b", result.StdErr);
        Assert.DoesNotContain("tok/s ·", result.StdErr);
        Schemas.AssertValid("benchmark", result.StdOut);
    }
}
