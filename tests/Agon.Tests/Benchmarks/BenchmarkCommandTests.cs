using System.Text.Json;
using Agon.Configuration;
using Agon.Storage;

namespace Agon.Tests.Benchmarks;

public sealed class BenchmarkCommandTests
{
    private const string OneRouter = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}]}""";

    private const string TwoRouters = """
        {"hosts": [
          {"name": "a", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]},
          {"name": "b", "type": "llama.cpp", "url": "http://10.0.0.2:8080", "models": ["stories260K"]}
        ]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<CliResult> RunAsync(FakeEnvironment env, string args, Dictionary<string, BenchRouter> servers, string config = OneRouter)
    {
        env.WriteConfig(config);
        return await AgonRunner.RunAsync(env, args, (HostConfig h) => servers[h.Name]);
    }

    private static string Db(FakeEnvironment env) => Path.Combine(env.Root, "agon.db");

    [Fact]
    public async Task Router_UnloadLoadTokenizeWarmupRuns_InThisOrderOnTheWire()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 16 --tg 8 --json --db {Db(env)}", new() { ["router"] = router });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["unload stories260K", "load stories260K", "tokenize", "tokenize", "tokenize", "tokenize", "chat stories260K", "chat stories260K", "chat stories260K", "chat stories260K"],
            router.Steps);
        Assert.Equal(1, router.MaxInFlight);

        // Text as written, for a person or grep reading it: the start time's offset is "+00:00", not "\u002B00:00".
        Assert.Matches("\"started\": \"[0-9T:.-]+\\+00:00\"", result.StdOut);
    }

    [Fact]
    public async Task EveryRequest_HasItsNonce_NoCache_IgnoresEos_Temperature0_Seed_Streams_ExactPromptLength()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 16 --tg 8 --json --db {Db(env)}", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        var chats = router.Chats;
        Assert.Equal(4, chats.Count);
        var nonces = new HashSet<string>();
        foreach (var chat in chats)
        {
            Assert.False((bool)chat["cache_prompt"]!);
            Assert.True((bool)chat["ignore_eos"]!);
            Assert.Equal(0.0, (double)chat["temperature"]!);
            Assert.Equal(42, (int)chat["seed"]!);
            Assert.Equal(8, (int)chat["max_tokens"]!);
            Assert.True((bool)chat["stream"]!);
            var message = Assert.Single(chat["messages"]!.AsArray());
            Assert.Equal("user", (string)message!["role"]!);
            var content = (string)message["content"]!;
            Assert.Matches("^\\[[0-9a-f]{12}\\] ", content);
            Assert.True(nonces.Add(content[..14]), "each request starts with a fresh nonce");
            Assert.Equal(16, content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.Equal(16, target.GetProperty("promptTokensMeasured").GetInt32());
        Assert.Equal("tokenizer", target.GetProperty("promptMeasuredBy").GetString());
    }

    [Fact]
    public async Task Json_FollowsItsSchema_WithEnvironmentFiguresAndRawSamples()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 16 --tg 8 --json --db {Db(env)}", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("benchmark", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal((16, 8, 3), (root.GetProperty("promptTokens").GetInt32(), root.GetProperty("generateTokens").GetInt32(), root.GetProperty("runs").GetInt32()));
        var target = root.GetProperty("results")[0];
        Assert.Equal(("router", "stories260K", "router", "b10587-3f545bec", 1), (target.GetProperty("host").GetString(), target.GetProperty("model").GetString(),
            target.GetProperty("backend").GetString(), target.GetProperty("serverBuild").GetString(), target.GetProperty("modelsMax").GetInt32()));
        Assert.Equal(1_171_200, target.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("client", target.GetProperty("loadMs").GetProperty("source").GetString());
        Assert.False(target.GetProperty("unstable").GetBoolean());
        var tg = target.GetProperty("figures").GetProperty("generationTokensPerSecond");
        Assert.Equal(("server", 3, 50.0, 50.0), (tg.GetProperty("source").GetString(), tg.GetProperty("n").GetInt32(), tg.GetProperty("median").GetDouble(), tg.GetProperty("p95").GetDouble()));
        Assert.Equal([50.0, 50.0, 50.0], tg.GetProperty("samples").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal(8, target.GetProperty("figures").GetProperty("completionTokens").GetProperty("median").GetDouble());
        Assert.Equal(3, target.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task EveryResponse_IsStored_WithItsPhase_AndTheRunsEnvironment()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 16 --tg 8 --db {Db(env)}", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        using var db = AgonDatabase.Open(Db(env));
        var store = new ResponseStore(db);
        var rows = store.Read(new ResponseFilter(), Token).ToList();
        Assert.Equal(["cold", "warmup", "run", "run", "run"], rows.Select(r => r.Phase));
        Assert.All(rows, r => Assert.Equal((ResponseKind.Benchmark, "router", "stories260K", "b10587-3f545bec"), (r.Kind, r.Host, r.Model, r.ServerBuild)));
        Assert.Single(rows.Select(r => r.RunId).Distinct());
        Assert.Equal(50.0, rows[^1].Metrics.GenerationTokensPerSecond!.Value.Value);
        var run = Assert.Single(store.ReadBenchmarks(new ResponseFilter()));
        Assert.Equal((16, 8, 3, 1, false), (run.PromptTokens, run.GenerateTokens, run.Runs, run.Subject.ModelsMax!.Value, run.Unstable));
        Assert.NotNull(run.Finished);
        Assert.Contains($"recorded in {Db(env)}", result.StdErr);
    }

    [Fact]
    public async Task Table_ShowsMedianAndP95Cells()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 16 --tg 8 --db {Db(env)}", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TARGET", lines[0]);
        Assert.Contains("TG tok/s", lines[0]);
        Assert.Contains("router/stories260K", lines[1]);
        Assert.Contains("50.0 (50.0)", lines[1]);
        Assert.EndsWith("2/2   ok", lines[1]);
    }

    [Fact]
    public async Task PromptCacheHit_MarksTheResultUnstable()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K")) { CacheN = 5 };

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 16 --tg 8 --json --db {Db(env)}", new() { ["router"] = router });

        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.True(target.GetProperty("unstable").GetBoolean());
        Assert.Contains("2 runs reused cached prompt tokens (cache_n > 0)", target.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.True(target.GetProperty("runs")[0].GetProperty("cacheHit").GetBoolean());
    }

    [Fact]
    public async Task GenerationSpeedVaryingMoreThan10Percent_MarksTheResultUnstable()
    {
        using var env = new FakeEnvironment();

        // Warm-up, then runs at 50, 50 and 80 tok/s: mean 60, sample stddev 17.3, CV 28.9 %.
        var speeds = new[] { 50.0, 50, 50, 80 };
        var router = new BenchRouter(new FakeRouter(1, "stories260K")) { PredictedPerSecond = n => speeds[n] };

        var result = await RunAsync(env, $"benchmark --runs 3 --pp 16 --tg 8 --json --db {Db(env)}", new() { ["router"] = router });

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.True(target.GetProperty("unstable").GetBoolean());
        Assert.Contains("generationTokensPerSecond varies 28.9 % (CV over 10 %)", target.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0.2887, target.GetProperty("figures").GetProperty("generationTokensPerSecond").GetProperty("cv").GetDouble());
    }

    [Fact]
    public async Task TwoModelsOnAModelsMax1Router_OneAfterTheOther_NeverOverlapping()
    {
        using var env = new FakeEnvironment();
        var fake = new FakeRouter(1, "stories260K", "tiny-random");
        var router = new BenchRouter(fake);
        var config = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K", "tiny-random"]}]}""";

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 8 --tg 4 --db {Db(env)}", new() { ["router"] = router }, config);

        Assert.True(result.ExitCode == 0, result.ToString());
        var chatsAndLoads = router.Steps.Where(s => !s.StartsWith("tokenize", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["unload stories260K", "load stories260K", "chat stories260K", "chat stories260K", "chat stories260K",
             "unload tiny-random", "load tiny-random", "chat tiny-random", "chat tiny-random", "chat tiny-random"],
            chatsAndLoads);
        Assert.Equal(1, router.MaxInFlight);
        Assert.DoesNotContain("stories260K:loaded", fake.History.SkipWhile(h => h != "tiny-random:loading").Where(h => h.StartsWith("stories260K:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Hosts_RunInParallel_EachStrictlyOneRequestAtATime()
    {
        using var env = new FakeEnvironment();
        var a = new BenchRouter(new FakeRouter(1, "stories260K"));
        var b = new BenchRouter(new FakeRouter(1, "stories260K"));
        var aArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each host's first chat waits for the other's: only hosts benchmarked at the same time get past it.
        a.OnChat = ct => { aArrived.TrySetResult(); return bArrived.Task.WaitAsync(ct); };
        b.OnChat = ct => { bArrived.TrySetResult(); return aArrived.Task.WaitAsync(ct); };

        var result = await RunAsync(env, $"benchmark --runs 2 --pp 8 --tg 4 --db {Db(env)}", new() { ["a"] = a, ["b"] = b }, TwoRouters);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((1, 1), (a.MaxInFlight, b.MaxInFlight));
        Assert.Equal(3, a.Chats.Count);
        Assert.Equal(3, b.Chats.Count);
    }

    [Fact]
    public async Task Concurrency_SendsKAtOnce_AndReportsTheAggregate()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));
        var arrived = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first round's two requests must both be in flight before either is answered.
        router.OnChat = ct =>
        {
            var n = Interlocked.Increment(ref arrived);
            if (n == 3)
            {
                both.TrySetResult();
            }

            return n is 2 or 3 ? both.Task.WaitAsync(ct) : Task.CompletedTask;
        };

        var result = await RunAsync(env, $"benchmark --runs 2 --concurrency 2 --pp 8 --tg 4 --json --db {Db(env)}", new() { ["router"] = router });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, router.MaxInFlight);
        Assert.Equal(5, router.Chats.Count);
        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.Equal(4, target.GetProperty("runs").GetArrayLength());
        Assert.Equal(4, target.GetProperty("figures").GetProperty("generationTokensPerSecond").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task NoCold_SkipsTheUnload_TheWarmupTakesTheLoad()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark --no-cold --runs 1 --pp 8 --tg 4 --db {Db(env)}", new() { ["router"] = router });

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(router.Steps, s => s.StartsWith("unload", StringComparison.Ordinal));
        using var db = AgonDatabase.Open(Db(env));
        Assert.Equal(["warmup", "run"], new ResponseStore(db).Read(new ResponseFilter(), Token).Select(r => r.Phase));
    }

    [Fact]
    public async Task BenchmarkCount_FromTheConfiguration_SetsTheRuns()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));
        var config = """{"benchmarkMode": true, "benchmarkCount": 2, "hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}]}""";

        var result = await RunAsync(env, $"benchmark --pp 8 --tg 4 --db {Db(env)}", new() { ["router"] = router }, config);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, router.Chats.Count);
    }

    [Fact]
    public async Task CtrlC_StopsAfterRecordingWhatFinished_PrintsThePartialTable_Exit130()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(OneRouter);
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var chats = 0;
        router.OnChat = async ct =>
        {
            // Warm-up and run 1 answer; run 2 is in flight when the user presses Ctrl+C.
            if (Interlocked.Increment(ref chats) == 3)
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            }
        };

        var result = await AgonRunner.RunArgsAsync(env, AgonRunner.Split($"benchmark --runs 5 --pp 8 --tg 4 --db {Db(env)}"), _ => router, cts.Token);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("router/stories260K", result.StdOut);
        Assert.Contains("cancelled", result.StdOut);
        using var db = AgonDatabase.Open(Db(env));
        Assert.Equal(["cold", "warmup", "run"], new ResponseStore(db).Read(new ResponseFilter(), Token).Select(r => r.Phase));
        Assert.True(Assert.Single(new ResponseStore(db).ReadBenchmarks(new ResponseFilter())).Cancelled);
    }

    [Theory]
    [InlineData("--runs 0", "--runs: expected a whole number from 1 to 10000, got '0'")]
    [InlineData("--pp abc", "--pp: expected a whole number from 1 to 1000000, got 'abc'")]
    [InlineData("--tg -3", "--tg: expected a whole number from 1 to 1000000, got '-3'")]
    [InlineData("--concurrency 65", "--concurrency: expected a whole number from 1 to 64, got '65'")]
    public async Task BadNumbers_SayWhatWasExpected_Exit2(string args, string message)
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));

        var result = await RunAsync(env, $"benchmark {args} --db {Db(env)}", new() { ["router"] = router });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.Empty(router.Requests);
    }

    [Fact]
    public async Task NoTargets_IsAUsageError()
    {
        using var env = new FakeEnvironment();
        var router = new BenchRouter(new FakeRouter(1, "stories260K"));
        var config = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080"}]}""";

        var result = await RunAsync(env, $"benchmark --db {Db(env)}", new() { ["router"] = router }, config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: nothing to benchmark: the selected hosts have no configured models; name targets with --target host/model", result.StdErr);
    }

    [Fact]
    public async Task BrokenModel_FailsItsRow_Exit1_OthersStillRun()
    {
        using var env = new FakeEnvironment();
        var fake = new FakeRouter(1, "broken", "stories260K");
        fake.Broken.Add("broken");
        var router = new BenchRouter(fake);
        var config = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["broken", "stories260K"]}]}""";

        var result = await RunAsync(env, $"benchmark --runs 1 --pp 8 --tg 4 --json --db {Db(env)}", new() { ["router"] = router }, config);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var results = json.RootElement.GetProperty("results");
        Assert.Contains("broken", results[0].GetProperty("error").GetString());
        Assert.False(results[1].TryGetProperty("error", out _));
        Assert.Contains("error: ", result.StdErr);
    }
}
