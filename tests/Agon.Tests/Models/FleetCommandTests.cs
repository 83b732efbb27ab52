using System.Text.Json;
using System.Text.RegularExpressions;

namespace Agon.Tests.Models;

/// <summary>The fleet commands over a mixed fleet: llama.cpp router, llama.cpp single server, Ollama.</summary>
public sealed class FleetCommandTests
{
    [Fact]
    public async Task ListHosts_EveryModeVersionAndLimit()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "list hosts --json");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("list-hosts", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("host").GetString()!);
        Assert.Equal("router", rows["router"].GetProperty("mode").GetString());
        Assert.Equal(1, rows["router"].GetProperty("modelsMax").GetInt32());
        Assert.True(rows["router"].GetProperty("autoload").GetBoolean());
        Assert.Equal("single", rows["single"].GetProperty("mode").GetString());
        Assert.Equal("b10587-3f545bec", rows["single"].GetProperty("version").GetString());
        Assert.Equal("ollama", rows["box"].GetProperty("mode").GetString());
        Assert.Equal("0.12.3", rows["box"].GetProperty("version").GetString());
        Assert.All(rows.Values, r => Assert.True(r.GetProperty("reachable").GetBoolean()));
    }

    [Fact]
    public async Task ListHosts_Unreachable_OneErrorLine_OthersPrinted_Exit1()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Overrides["single"] = new RefusingHandler();

        var result = await fleet.RunAsync(env, "list hosts");

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: host single (http://10.0.0.2:8080/) is not reachable", error);
        Assert.Matches(@"router\s+llama\.cpp\s+http://10\.0\.0\.1:8080/\s+yes\s+router", result.StdOut);
        Assert.Matches(@"single\s+llama\.cpp\s+http://10\.0\.0\.2:8080/\s+no", result.StdOut);
        Assert.Matches(@"box\s+ollama\s+\S+\s+yes\s+ollama\s+0\.12\.3", result.StdOut);
    }

    [Fact]
    public async Task ListModels_StatusConfiguredMissing_AcrossTheFleet()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "list models --json");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("list-models", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var rows = json.RootElement.EnumerateArray()
            .Select(r => (Host: r.GetProperty("host").GetString(), Model: r.GetProperty("model").GetString(), Status: r.GetProperty("status").GetString(), Configured: r.GetProperty("configured").GetBoolean()))
            .ToList();
        Assert.Contains(("router", "stories260K", "unloaded", true), rows);
        Assert.Contains(("router", "broken", "unloaded", false), rows);
        Assert.Contains(("single", "<model-file>", "loaded", true), rows);
        Assert.Contains(("box", "qwen3:8b", "loaded", true), rows);
        Assert.Contains(("box", "llama3.2:latest", "available", true), rows);
        Assert.Contains(("box", "nomic-embed-text:latest", "available", false), rows);
        Assert.Contains(("box", "phi4:latest", "missing", true), rows);
        Assert.DoesNotContain(rows, r => r.Model == "llama3.2");
    }

    [Fact]
    public async Task ListModels_NeverLoadsAModel()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        await fleet.RunAsync(env, "list models");

        Assert.DoesNotContain(fleet.Router.History, h => h.EndsWith(":loading", StringComparison.Ordinal));
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "POST");
        Assert.DoesNotContain(fleet.Single.Requests, r => r.Path.StartsWith("/props?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListModels_FailedLoad_ShowsExitCode()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        await fleet.RunAsync(env, "load models router/broken");

        var result = await fleet.RunAsync(env, "list models --host router");

        Assert.Matches(@"router\s+broken\s+failed \(exit 1\)\s+no", result.StdOut);
    }

    [Fact]
    public async Task ListModels_UnreachableAnd401_ErrorLines_Exit1_OthersStillPrint()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Overrides["single"] = new RefusingHandler();
        fleet.Overrides["box"] = new ReplayHandler().Always(RecordedExchange.Load("ollama/unauthorized")).Always(RecordedExchange.Load("ollama/ps"));

        var result = await fleet.RunAsync(env, "list models");

        Assert.Equal(1, result.ExitCode);
        var errors = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains("error: host box rejected the API key (check apiKeyEnv or apiKeyFile)", errors);
        Assert.Contains(errors, e => e.StartsWith("error: host single (http://10.0.0.2:8080/) is not reachable", StringComparison.Ordinal));
        Assert.Contains("stories260K", result.StdOut);
    }

    [Fact]
    public async Task ListModels_UnknownHost_UsageError()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "list models --host nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown host 'nope' (configured: router, single, box)", result.StdErr.Trim());
    }

    [Fact]
    public async Task ListRunning_OnlyLoaded_WithOllamaExpiry()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "list running --json");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("list-models", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["single", "box"], rows.Select(r => r.GetProperty("host").GetString()));
        Assert.Equal("2025-06-04T14:38:31.83-07:00", rows[1].GetProperty("expiresAt").GetString());
    }

    [Fact]
    public async Task LoadModels_DefaultConfigured_RefusesMoreThanModelsMax()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "load models --host router");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: host router holds at most 1 model at once (models-max 1) but 2 were asked for: stories260K, tiny-random", result.StdErr.Trim());
        Assert.Empty(fleet.Router.History);
    }

    [Fact]
    public async Task LoadModels_Named_WaitsUntilLoaded()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "load models router/stories260K --json");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("target-results", result.StdOut);
        Assert.Contains("\"outcome\": \"loaded\"", result.StdOut);
        Assert.Equal("loaded", fleet.Router.StatusOf("stories260K"));
    }

    [Fact]
    public async Task LoadAndUnload_LogEveryExchangeAsComplete()
    {
        using var env = new FakeEnvironment();
        var logFile = Path.Combine(env.Root, "agon.log");
        var fleet = new MixedFleet();

        var load = await fleet.RunAsync(env, $"load models router/stories260K --log-file {logFile}");
        var unload = await fleet.RunAsync(env, $"unload models router/stories260K --log-file {logFile}");

        Assert.Equal(0, load.ExitCode);
        Assert.Equal(0, unload.ExitCode);
        var lines = await File.ReadAllLinesAsync(logFile, TestContext.Current.CancellationToken);
        foreach (var path in new[] { "/models/load", "/models/unload" })
        {
            var answer = Assert.Single(lines, l => Regex.IsMatch(l, $@"LLM->AGON host=router POST \S+{path} status=\d+ (complete|closed early) "));
            Assert.Matches($@"LLM->AGON host=router POST \S+{path} status=200 complete bytes=\d+ duration=\d+ms$", answer);
        }
    }

    [Fact]
    public async Task LoadModels_PlainModel_GoesToHostsConfiguredForIt_Text()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama = new ReplayHandler(RecordedExchange.Load("ollama/generate-load")).Always(RecordedExchange.Load("ollama/version"));

        var result = await fleet.RunAsync(env, "load models qwen3:8b");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^loaded qwen3:8b on box \(\d+\.\d s\)", result.StdOut);
    }

    [Fact]
    public async Task LoadModels_BrokenFile_Exit1_WithReason()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "load models router/broken");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: model broken failed to load on host router (exit code 1)", result.StdErr.Trim());
    }

    [Fact]
    public async Task LoadModels_SingleServer_ExplainsRouterMode()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "load models single/x");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: host single runs a single model; start llama-server with --models-dir or --models-preset for router mode", result.StdErr.Trim());
    }

    [Fact]
    public async Task LoadModels_NotConfiguredAnywhere_UsageError()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "load models mystery");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: model mystery is not configured on any host; name the host with --host H or write H/mystery", result.StdErr.Trim());
    }

    [Fact]
    public async Task UnloadModels_DefaultEveryLoadedModel()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama = new ReplayHandler(RecordedExchange.Load("ollama/tags"), RecordedExchange.Load("ollama/ps"), RecordedExchange.Load("ollama/tags"),
            RecordedExchange.Load("ollama/ps"), RecordedExchange.Load("ollama/generate-unload")).Always(RecordedExchange.Load("ollama/version"));
        await fleet.RunAsync(env, "load models router/stories260K");

        var result = await fleet.RunAsync(env, "unload models --host router --host box");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("unloaded stories260K on router", result.StdOut);
        Assert.Contains("unloaded qwen3:8b on box", result.StdOut);
        Assert.Equal("unloaded", fleet.Router.StatusOf("stories260K"));
    }

    [Fact]
    public async Task UnloadModels_NoNames_MixedFleet_PassesOverTheSingleModelHost_Exit0()
    {
        // Against real servers: a bare "unload models" on a fleet with a single-model llama-server exited 1 with
        // "host s runs a single model; start llama-server with --models-dir …", though nothing was asked of it.
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama = new ReplayHandler(RecordedExchange.Load("ollama/tags"), RecordedExchange.Load("ollama/ps"), RecordedExchange.Load("ollama/tags"),
            RecordedExchange.Load("ollama/ps"), RecordedExchange.Load("ollama/generate-unload")).Always(RecordedExchange.Load("ollama/version"));
        await fleet.RunAsync(env, "load models router/stories260K");

        var result = await fleet.RunAsync(env, "unload models");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("unloaded stories260K on router", result.StdOut);
        Assert.Contains("unloaded qwen3:8b on box", result.StdOut);
        Assert.Equal("host single runs a single model; its model stays loaded", result.StdErr.Trim());
        Assert.DoesNotContain(fleet.Single.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task PullModels_DefaultMissingConfigured_OllamaPulls_SingleSaysWhy()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        env.WriteConfig("""
            {"hosts": [
              {"name": "single", "type": "llama.cpp", "url": "http://10.0.0.2:8080", "models": ["<model-file>", "qwen3-1.7b"]},
              {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["qwen3:8b", "qwen3:1.7b"]}
            ]}
            """);
        fleet.Ollama = new ReplayHandler(RecordedExchange.Load("ollama/pull-progress")).Always(RecordedExchange.Load("ollama/tags")).Always(RecordedExchange.Load("ollama/ps"));

        var result = await fleet.RunAsync(env, "pull models");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pulled qwen3:1.7b on box", result.StdOut);
        Assert.Equal("error: host single runs a single model; start llama-server with --models-dir or --models-preset for router mode", result.StdErr.Trim());
        Assert.Single(fleet.Ollama.Requests, r => r.Path == "/api/pull");
    }

    [Fact]
    public async Task DeleteModels_DryRun_PlanOnly_ImplicitLatestNeverDeleted()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "delete models --dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"delete\s+box\s+nomic-embed-text:latest", result.StdOut);
        Assert.DoesNotContain("llama3.2", result.StdOut);
        Assert.Contains("kept broken on router: the host does not allow removing it (models_dir)", result.StdErr);
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task DeleteModels_NonInteractiveWithoutYes_PlanAndExit2()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "delete models --host box");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nomic-embed-text:latest", result.StdOut);
        Assert.Contains("error: not carried out: re-run with --yes", result.StdErr);
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task DeleteModels_Yes_Deletes()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(RecordedExchange.Load("ollama/delete"));

        var result = await fleet.RunAsync(env, "delete models --host box --yes");

        Assert.Equal(0, result.ExitCode);
        var delete = Assert.Single(fleet.Ollama.Requests, r => r.Method == "DELETE");
        Assert.Equal("""{"model":"nomic-embed-text:latest"}""", delete.Body);
        Assert.Contains("deleted nomic-embed-text:latest on box", result.StdOut);
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("yes\n", true)]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]
    public async Task DeleteModels_Interactive_ActsOnlyOnYes(string answer, bool deletes)
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(RecordedExchange.Load("ollama/delete"));

        var result = await fleet.RunAsync(env, "delete models --host box", answer);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Carry out this plan? [y/N]", result.StdErr);
        Assert.Equal(deletes ? 1 : 0, fleet.Ollama.Requests.Count(r => r.Method == "DELETE"));
        if (!deletes)
        {
            Assert.Contains("nothing changed", result.StdErr);
        }
    }

    [Fact]
    public async Task UnexpectedAnswerFromOneHost_OneErrorLine_OthersUnaffected()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Overrides["box"] = new ThrowingHandler(new InvalidDataException("garbled"));

        var result = await fleet.RunAsync(env, "list models");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: host box: unexpected failure: garbled", result.StdErr.Trim());
        Assert.Contains("stories260K", result.StdOut);
    }

    [Fact]
    public async Task DeleteModels_RefusedByHost_ErrorLine_Exit1()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(RecordedExchange.Load("ollama/delete-404").WithRequest("DELETE", "/api/delete"));

        var result = await fleet.RunAsync(env, "delete models --host box --yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: model nomic-embed-text:latest is not on host box", result.StdErr);
    }

    [Fact]
    public async Task SyncModels_DryRun_DeletePlanPlusPullPlan()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "sync models --dry-run --host box");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"delete\s+box\s+nomic-embed-text:latest", result.StdOut);
        Assert.Matches(@"pull\s+box\s+phi4:latest", result.StdOut);
    }

    [Fact]
    public async Task Sync_HostAlreadyHoldsExactlyItsConfiguredModels_NothingToDo()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["qwen3:8b", "llama3.2", "nomic-embed-text"]}]}""");
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "sync models --yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Nothing to do: every host with configured models holds exactly those.", result.StdOut.Trim());
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method is "DELETE" or "POST");
    }

    [Fact]
    public async Task HostWithoutConfiguredModels_NothingDeleted()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434"}]}""");

        var result = await new MixedFleet().RunAsync(env, "delete models --yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("host box has no configured models; nothing is deleted there", result.StdErr);
        Assert.Equal("Nothing to do: no host has configured models (a host's \"models\" list in the configuration).", result.StdOut.Trim());
    }

    [Fact]
    public async Task ListModels_EmptyHost_SaysHowToPullOne_Exit0()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434"}]}""");
        var fleet = new MixedFleet();
        fleet.Ollama = new ReplayHandler()
            .Always(RecordedExchange.Load("ollama/tags").WithBody("""{"models": []}"""))
            .Always(RecordedExchange.Load("ollama/ps").WithBody("""{"models": []}"""))
            .Always(RecordedExchange.Load("ollama/version"));

        var result = await fleet.RunAsync(env, "list models");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Equal("host box has no models: pull one with agon pull models MODEL --host box", result.StdErr.Trim());
    }

    [Fact]
    public async Task ShowModelInfo_OllamaDetails_Json()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(RecordedExchange.Load("ollama/show"));

        var result = await fleet.RunAsync(env, "show modelInfo qwen3:8b --json");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("model-info", result.StdOut);
        Assert.Contains("\"temperature\": \"0.6\"", result.StdOut);
        Assert.Contains("\"trainingContextLength\": 40960", result.StdOut);
    }

    [Fact]
    public async Task ShowModelInfo_RouterPreset_WithoutLoading()
    {
        using var env = new FakeEnvironment();
        var server = new ReplayHandler().Always("router-basic/02-props").Always("router-basic/03-models-all-unloaded");
        env.WriteConfig("""{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}]}""");

        var result = await AgonRunner.RunAsync(env, "show modelinfo stories260K", _ => server);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("router/stories260K", result.StdOut);
        Assert.Contains("ctx-size = 512", result.StdOut);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST" || r.Path.StartsWith("/props?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListModelParameters_AgonSpelling_Json()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(RecordedExchange.Load("ollama/show"));

        var result = await fleet.RunAsync(env, "list modelParameters --host box --host single --json");

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("model-parameters", result.StdOut);
        Assert.Contains("\"temperature\": \"0.8\"", result.StdOut);
        Assert.Contains("\"top_k\": \"20\"", result.StdOut);
        Assert.Contains("\"sends\": {}", result.StdOut);
    }

    [Fact]
    public async Task CtrlC_DuringLoad_Exit130()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        var blocking = new BlockingHandler();
        fleet.Overrides["box"] = blocking;
        env.WriteConfig(MixedFleet.Config);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = AgonRunner.RunArgsAsync(env, ["load", "models", "box/qwen3:8b"], fleet.Handler, ctrlC.Token);
        await blocking.Received.WaitAsync(TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        var result = await run;

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("cancelled", result.StdErr.Trim());
    }
}
