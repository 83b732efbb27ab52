using System.Text.Json;

namespace Agon.Tests.Models;

/// <summary>
/// The fleet commands against what real servers do: sleeping models (router-sleep), downloads that never happened
/// (router-download), a single-model server asked for another model, empty results for scripts, Ollama's loaded
/// size and expiry, and deleting named models.
/// </summary>
public sealed class RouterFidelityCommandTests
{
    private const string SleepyConfig = """
        {"hosts": [
          {"name": "r", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"],
           "parameters": {"temperature": 0, "seed": 42, "top_k": 40, "min_p": 0.05, "repeat_penalty": 1.1, "max_tokens": 16}}
        ]}
        """;

    private static RecordedExchange Load(string name) => RecordedExchange.Load(name);

    private static Task<CliResult> RunAsync(FakeEnvironment env, string commandLine, HttpMessageHandler server) =>
        AgonRunner.RunAsync(env, commandLine, _ => server);

    [Fact]
    public async Task SleepGroup_ReplayedInOrder_LoadListChatUnload()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(SleepyConfig);

        // The recorded router-sleep group in its order. Agon reads the list once more than the recording did before
        // each step; where the model was asleep then, the recorded sleeping list (03) answers again.
        var sleeping = Load("router-sleep/03-models-sleeping");
        var server = new ReplayHandler(
                Load("router-basic/03-models-all-unloaded"), Load("router-sleep/01-models-sse-to-sleep"), Load("router-sleep/02-models-load"),
                sleeping,
                Load("router-sleep/05-models-after-load-sleeping"),
                sleeping, Load("router-sleep/06-chat-wakes-sleeping"),
                Load("router-sleep/07-models-after-wake"),
                sleeping, Load("router-sleep/08-chat-stream-wakes-sleeping"),
                Load("router-sleep/09-models-unload-sleeping"), Load("router-sleep/10-models-after-unload-sleeping"))
            .Always("router-basic/02-props");

        var load = await RunAsync(env, "load models r/stories260K", server);
        Assert.Equal(0, load.ExitCode);
        Assert.Matches(@"^loaded stories260K on r \(\d+\.\d s\)\n$", load.StdOut);

        var running = await RunAsync(env, "list running", server);
        Assert.Equal(0, running.ExitCode);
        Assert.Matches(@"r\s+stories260K\s+sleeping\s+1 MB", running.StdOut);

        var again = await RunAsync(env, "load models r/stories260K", server);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("stories260K on r is resident (sleeping; the next request wakes it)\n", again.StdOut);

        var chat = await RunAsync(env, "chat -p \"Tell me a short story about a cat.\" --system \"You are a helpful assistant who tells short stories.\" --no-stream", server);
        Assert.Equal(0, chat.ExitCode);
        Assert.Equal("\"Here,\" Annack. \"I'\n", chat.StdOut);

        var awake = await RunAsync(env, "list running --json", server);
        Assert.Equal("loaded", JsonDocument.Parse(awake.StdOut).RootElement[0].GetProperty("status").GetString());

        var stream = await RunAsync(env, "chat -p \"Tell me a short story about a cat.\" --system \"You are a helpful assistant who tells short stories.\"", server);
        Assert.Equal(0, stream.ExitCode);
        Assert.StartsWith("\"Here,\"", stream.StdOut);

        var unload = await RunAsync(env, "unload models r/stories260K", server);
        Assert.Equal(0, unload.ExitCode);
        Assert.Equal("unloaded stories260K on r\n", unload.StdOut);

        Assert.Equal(0, server.Unused);
        Assert.Single(server.Requests, r => r.Path == "/models/load");
        var chats = server.Requests.Where(r => r.Path == "/v1/chat/completions").Select(r => r.Json!).ToList();
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Load("router-sleep/06-chat-wakes-sleeping").RequestBody, chats[0]), chats[0].ToJsonString());
    }

    [Fact]
    public async Task LoadModels_NoWait_Sleeping_SaysResident_SendsNoLoad()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(SleepyConfig);
        var server = LlamaCppTestHost.Router("router-sleep/03-models-sleeping");

        var result = await RunAsync(env, "load models r/stories260K --no-wait", server);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("stories260K on r is resident (sleeping; the next request wakes it)\n", result.StdOut);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task LoadModels_Sleeping_Json_OutcomeSleeping()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(SleepyConfig);
        var server = LlamaCppTestHost.Router("router-sleep/03-models-sleeping");

        var result = await RunAsync(env, "load models --json", server);

        Assert.Equal(0, result.ExitCode);
        Schemas.AssertValid("target-results", result.StdOut);
        var row = JsonDocument.Parse(result.StdOut).RootElement[0];
        Assert.Equal("sleeping", row.GetProperty("outcome").GetString());
        Assert.Equal("stories260K on r is resident (sleeping; the next request wakes it)", row.GetProperty("note").GetString());
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task UnloadModels_Default_IncludesSleeping()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(SleepyConfig);
        var server = LlamaCppTestHost.Router("router-sleep/03-models-sleeping", "router-sleep/09-models-unload-sleeping", "router-sleep/10-models-after-unload-sleeping");

        var result = await RunAsync(env, "unload models", server);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("unloaded stories260K on r\n", result.StdOut);
        Assert.Equal(0, server.Unused);
    }

    [Theory]
    [InlineData("chat -p hi -t router/stories260K -t single/<model-file> --no-stream")]
    [InlineData("chat --pipelineMode -p hi -t router/stories260K -t single/<model-file> --no-stream")]
    public async Task CompareAndPipeline_SleepingModel_WokenByTheChat_NeverLoaded(string commandLine)
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Single.Always(Load("single/06-chat"));
        await fleet.RunAsync(env, "load models router/stories260K");
        fleet.Router.Sleep("stories260K");
        fleet.Router.History.Clear();

        var result = await fleet.RunAsync(env, commandLine);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["stories260K:loaded", "stories260K:chat"], fleet.Router.History);
        Assert.Contains("── router/stories260K ──", result.StdOut.Replace("stage 1 · ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PullModels_DownloadFinishedButNotListed_Exit1_NoPulledLine()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(SleepyConfig);
        var server = LlamaCppTestHost.Router(
            "router-download/01-models-sse-download", "router-download/02-models-download-offline", "router-download/03-models-after-download-offline");

        var result = await RunAsync(env, "pull models ggml-org/gemma-3-270m-GGUF:Q8_0 --host r", server);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: host r could not download ggml-org/gemma-3-270m-GGUF:Q8_0 (the server reported a finished download but does not list the model: check the server's network and the repository name)",
            result.StdErr.Trim());
        Assert.DoesNotContain("pulled", result.StdOut);
        Assert.Equal(0, server.Unused);
    }

    [Theory]
    [InlineData("pull models --json", "every configured model is already on its host")]
    [InlineData("unload models --json", "no model is loaded on the selected hosts")]
    [InlineData("load models --json", "nothing to load: the selected hosts have no configured models; name models to load")]
    public async Task NothingToDo_Json_PrintsEmptyArray(string commandLine, string note)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(commandLine.StartsWith("load", StringComparison.Ordinal)
            ? """{"hosts": [{"name": "r", "type": "llama.cpp", "url": "http://10.0.0.1:8080"}]}"""
            : SleepyConfig.Replace("\"models\": [\"stories260K\"]", "\"models\": [\"broken\"]", StringComparison.Ordinal));
        var server = LlamaCppTestHost.Router();
        server.Always("router-basic/03-models-all-unloaded");

        var result = await RunAsync(env, commandLine, server);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.StdOut.Trim());
        Assert.Equal(note, result.StdErr.Trim());
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Chat_SingleModelHost_OtherName_Exit1_BeforeSending()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Single.Always(Load("single/06-chat"));

        var result = await fleet.RunAsync(env, "chat -p hi --target single/zzz --no-stream");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("host single serves only <model-file>; use single/<model-file>", result.StdErr);
        Assert.Empty(result.StdOut.Trim());
        Assert.DoesNotContain(fleet.Single.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Chat_SingleModelHost_ItsFileName_Answers()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Single.Always(Load("single/06-chat"));

        var result = await fleet.RunAsync(env, "chat -p hi --target single/<model-file> --no-stream");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("\"Here,\" Annack.", result.StdOut);
    }

    [Fact]
    public async Task ShowModelInfo_SingleModelHost_OtherName_Exit1()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "show modelinfo single/zzz");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: host single serves only <model-file>; use single/<model-file>", result.StdErr.Trim());
    }

    [Fact]
    public async Task DeleteModels_PlainNameWithHost_DryRun()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "delete models nomic-embed-text --host box --dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"delete\s+box\s+nomic-embed-text:latest", result.StdOut);
        Assert.DoesNotContain("qwen3", result.StdOut);
    }

    [Fact]
    public async Task ListRunning_Ollama_LoadedSizeFromPs_ExpiryRelative()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        var ps = Load("ollama/ps");
        var expires = AgonRunner.Now.AddMinutes(4).ToString("yyyy-MM-ddTHH:mm:ss.ffzzz", System.Globalization.CultureInfo.InvariantCulture);
        fleet.Ollama = new ReplayHandler()
            .Always(Load("ollama/tags"))
            .Always(ps.WithBody(ps.ResponseBody.Replace("2025-06-04T14:38:31.83-07:00", expires, StringComparison.Ordinal)));

        var result = await fleet.RunAsync(env, "list running --host box");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"box\s+qwen3:8b\s+loaded\s+6\.7 GB\s+6\.7 GB\s+4096\s+in 4 min", result.StdOut);
    }

    [Fact]
    public async Task ListRunning_Json_LoadedSizeBytes()
    {
        using var env = new FakeEnvironment();

        var result = await new MixedFleet().RunAsync(env, "list running --host box --json");

        Schemas.AssertValid("list-models", result.StdOut);
        var row = JsonDocument.Parse(result.StdOut).RootElement[0];
        Assert.Equal(6654289920, row.GetProperty("loadedSizeBytes").GetInt64());
        Assert.Equal(5225376047, row.GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task DeleteModels_Named_Yes_DeletesOnlyThat()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(Load("ollama/delete"));
        fleet.Overrides["single"] = new RefusingHandler();

        var result = await fleet.RunAsync(env, "delete models box/nomic-embed-text --yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"delete\s+box\s+nomic-embed-text:latest", result.StdOut);
        Assert.Contains("deleted nomic-embed-text:latest on box", result.StdOut);
        var delete = Assert.Single(fleet.Ollama.Requests, r => r.Method == "DELETE");
        Assert.Equal("""{"model":"nomic-embed-text:latest"}""", delete.Body);
        Assert.Empty(result.StdErr.Trim());
    }

    [Fact]
    public async Task DeleteModels_NamedConfiguredModel_DryRun_PlanOnly()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "delete models box/qwen3:8b --dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"delete\s+box\s+qwen3:8b", result.StdOut);
        Assert.DoesNotContain("nomic-embed-text", result.StdOut);
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task DeleteModels_Named_NonInteractiveWithoutYes_Exit2()
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, "delete models box/qwen3:8b");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: not carried out: re-run with --yes", result.StdErr);
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "DELETE");
    }

    [Theory]
    [InlineData("y\n", 1)]
    [InlineData("n\n", 0)]
    public async Task DeleteModels_Named_Interactive_AsksFirst(string answer, int deletes)
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();
        fleet.Ollama.Always(Load("ollama/delete"));

        var result = await fleet.RunAsync(env, "delete models box/qwen3:8b", answer);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Carry out this plan? [y/N]", result.StdErr);
        Assert.Equal(deletes, fleet.Ollama.Requests.Count(r => r.Method == "DELETE"));
    }

    [Theory]
    [InlineData("delete models box/nope --yes", "error: model nope is not on host box")]
    [InlineData("delete models router/stories260K --yes", "error: model stories260K on host router came from its models folder; delete the file on that machine")]
    public async Task DeleteModels_Named_CannotDelete_Exit1_NothingDeleted(string commandLine, string error)
    {
        using var env = new FakeEnvironment();
        var fleet = new MixedFleet();

        var result = await fleet.RunAsync(env, commandLine);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.StdErr.Split('\n')[0]);
        Assert.Contains("Nothing to delete.", result.StdOut);
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "DELETE");
    }
}
