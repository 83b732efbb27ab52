using Agon.Hosts;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>Mode detection, listing, load, unload and remove, replayed from a real llama-server's transcripts.</summary>
public sealed class LlamaCppModelManagementTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Router_DetectedFromProps_WithModelsMaxAutoloadAndBuild()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router());

        var info = await host.GetInfoAsync(Token);

        Assert.Equal(HostMode.Router, info.Mode);
        Assert.Equal(1, info.Capabilities.MaxLoadedModels);
        Assert.True(info.Capabilities.Autoload);
        Assert.Equal("b10587-3f545bec", info.Version);
    }

    [Fact]
    public async Task Detection_RememberedForTheRun()
    {
        var server = LlamaCppTestHost.Router();
        await using var host = LlamaCppTestHost.Create(server);

        await host.GetInfoAsync(Token);
        await host.GetInfoAsync(Token);

        Assert.Single(server.Requests, r => r.Path == "/props");
    }

    [Fact]
    public async Task Single_DetectedFromPropsWithoutRole_ConfirmedByModels()
    {
        var server = new ReplayHandler().Always("single/02-props").Always("single/03-models").Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        var info = await host.GetInfoAsync(Token);

        Assert.Equal(HostMode.Single, info.Mode);
        Assert.Equal("b10587-3f545bec", info.Version);
        Assert.Equal(["/props", "/v1/models"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Single_LoadingModel503_WaitedOut()
    {
        // While it loads, a single server answers 503 "Loading model" on every route (recorded on /health).
        var loading = RecordedExchange.Load("single/00-health-while-loading");
        var server = new ReplayHandler(
                loading.WithRequest("GET", "/props"), loading.WithRequest("GET", "/props"), RecordedExchange.Load("single/02-props"))
            .Always("single/03-models").Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        var info = await host.GetInfoAsync(Token);

        Assert.Equal(HostMode.Single, info.Mode);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/props"));
    }

    [Fact]
    public async Task List_AllUnloaded_ReadsEveryEntry()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-basic/03-models-all-unloaded"));

        var models = await host.ListModelsAsync(Token);

        Assert.Equal(["broken", "stories260K", "tiny-random"], models.Select(m => m.Id));
        Assert.All(models, m =>
        {
            Assert.Equal(ModelStatus.Unloaded, m.Status);
            Assert.Equal("models_dir", m.Source);
            Assert.False(m.CanRemove);
            Assert.Null(m.SizeBytes);
        });
    }

    [Fact]
    public async Task List_Loading_ThenLoadedWithMeta()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-basic/07-models-loading", "router-basic/08-models-loaded"));

        var loading = await host.ListModelsAsync(Token);
        var loaded = await host.ListModelsAsync(Token);

        Assert.Equal(ModelStatus.Loading, loading.Single(m => m.Id == "stories260K").Status);
        var stories = loaded.Single(m => m.Id == "stories260K");
        Assert.Equal(ModelStatus.Loaded, stories.Status);
        Assert.Equal(1171200, stories.SizeBytes);
        Assert.Equal(512, stories.ContextLength);
        Assert.Equal(2048, stories.TrainingContextLength);
        Assert.Equal(292800, stories.ParameterCount);
        Assert.Equal("F32", stories.Quantization);
    }

    [Theory]
    [InlineData("router-basic/27-models-broken-failed", "broken")]
    [InlineData("crash/03-models-after-crash", "stories260K")]
    public async Task List_UnloadedWithFailed_ShownAsFailedWithExitCode(string fixture, string model)
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router(fixture));

        var entry = (await host.ListModelsAsync(Token)).Single(m => m.Id == model);

        Assert.Equal(ModelStatus.Failed, entry.Status);
        Assert.Equal(1, entry.ExitCode);
    }

    [Fact]
    public async Task List_EvictedModel_UnloadedWithoutFailure()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-basic/16-models-after-eviction"));

        var models = await host.ListModelsAsync(Token);

        Assert.Equal(ModelStatus.Unloaded, models.Single(m => m.Id == "stories260K").Status);
        Assert.Null(models.Single(m => m.Id == "stories260K").ExitCode);
        Assert.Equal(ModelStatus.Loaded, models.Single(m => m.Id == "tiny-random").Status);
    }

    [Fact]
    public async Task List_Single_OneLoadedModel()
    {
        var server = new ReplayHandler().Always("single/02-props").Always("single/03-models").Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        var model = Assert.Single(await host.ListModelsAsync(Token));

        Assert.Equal("<model-file>", model.Id);
        Assert.Equal(ModelStatus.Loaded, model.Status);
        Assert.Equal(512, model.ContextLength);
    }

    [Fact]
    public async Task List_OlderAndFutureShapes_NeverCrash()
    {
        // Shapes from the API notes: an older build (in_cache/path, no source), a string status, a status word
        // this client has never seen, and a cache id carrying its quantization.
        var body = """
            {"data":[
              {"id":"old","in_cache":true,"path":"/m/old.gguf","status":{"value":"loaded"}},
              {"id":"weird","status":"hibernating"},
              {"id":"future","status":{"value":"defragmenting","args":[]}},
              {"id":"ggml-org/gemma-3-1b-it-GGUF:Q4_K_M","status":{"value":"unloaded"},"source":"cache","can_remove":true}
            ],"object":"list"}
            """;
        var server = LlamaCppTestHost.Router();
        server.Always(RecordedExchange.Load("router-basic/03-models-all-unloaded").WithBody(body));
        await using var host = LlamaCppTestHost.Create(server);

        var models = await host.ListModelsAsync(Token);

        Assert.Equal(["loaded", "hibernating", "defragmenting", "unloaded"], models.Select(m => m.Status));
        Assert.Equal("cache", models[0].Source);
        Assert.True(models[3].CanRemove);
        Assert.Equal("Q4_K_M", models[3].Quantization);
    }

    [Fact]
    public async Task List_NeverUsesPropsWithModel()
    {
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded");
        await using var host = LlamaCppTestHost.Create(server);

        await host.ListModelsAsync(Token);

        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/props?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_Polling_LoadingThenLoaded()
    {
        var server = LlamaCppTestHost.Router(
            "router-basic/03-models-all-unloaded", "router-basic/06-models-load", "router-basic/07-models-loading", "router-basic/08-models-loaded");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.LoadAsync("stories260K", progress, Token);

        Assert.Equal(0, server.Unused);
        Assert.Equal("""{"model":"stories260K"}""", server.Requests.Single(r => r.Path == "/models/load").Body);
        Assert.Equal(ModelStatus.Loaded, progress.Items[^1].Stage);
    }

    [Fact]
    public async Task Load_EventFeed_ReportsProgressUntilLoaded()
    {
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded", "router-sse/01-models-sse", "router-sse/02-models-load");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.LoadAsync("stories260K", progress, Token);

        // Nothing measured until the feed says so: the first report has no fraction (a spinner, not "0%").
        Assert.Equal([-1, 0.0, 1.0, 1.0], progress.Items.Select(p => p.Fraction ?? -1));
        Assert.Equal(ModelStatus.Loaded, progress.Items[^1].Stage);
        var order = server.Requests.Select(r => r.Path).ToList();
        Assert.True(order.IndexOf("/models/sse") < order.IndexOf("/models/load"), "the feed must be open before the load is asked for");
        Assert.DoesNotContain("/models", order.Skip(order.IndexOf("/models/load")));
    }

    [Fact]
    public async Task Load_BrokenFile_EventFeed_FailsWithExitCode()
    {
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded", "router-sse/01-models-sse", "router-sse/04-models-load-broken");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("broken", null, Token));

        Assert.Equal("model broken failed to load on host lab (exit code 1)", error.Message);
    }

    [Fact]
    public async Task Load_BrokenFile_Polling_FailsWithExitCode()
    {
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded", "router-basic/26-models-load-broken", "router-basic/27-models-broken-failed");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("broken", null, Token));

        Assert.Equal("model broken failed to load on host lab (exit code 1)", error.Message);
    }

    [Fact]
    public async Task Load_AlreadyRunning_CountsAsSuccess()
    {
        var server = LlamaCppTestHost.Router(
            "router-basic/07-models-loading", "router-basic/09-models-load-already-running", "router-basic/08-models-loaded");
        await using var host = LlamaCppTestHost.Create(server);

        await host.LoadAsync("stories260K", null, Token);

        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Load_OlderBuildWording_AlreadyLoaded_CountsAsSuccess()
    {
        var already = RecordedExchange.Load("router-basic/09-models-load-already-running")
            .WithBody("""{"error":{"code":400,"message":"model is already loaded","type":"invalid_request_error"}}""");
        var server = new ReplayHandler(RecordedExchange.Load("router-basic/07-models-loading"), already, RecordedExchange.Load("router-basic/08-models-loaded"))
            .Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);

        await host.LoadAsync("stories260K", null, Token);

        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Load_AlreadyLoaded_NoLoadRequest()
    {
        var server = LlamaCppTestHost.Router("router-basic/08-models-loaded");
        await using var host = LlamaCppTestHost.Create(server);

        await host.LoadAsync("stories260K", null, Token);

        Assert.DoesNotContain(server.Requests, r => r.Path == "/models/load");
    }

    [Fact]
    public async Task Load_UnknownModel_NamesKnownModels()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-basic/03-models-all-unloaded"));

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("no-such-model", null, Token));

        Assert.Equal("model no-such-model not found on host lab (known: broken, stories260K, tiny-random)", error.Message);
    }

    [Fact]
    public async Task Load_404FileNotFound_MeansUnknownModel()
    {
        // The list named the model, but the router no longer has it: its load answers the generic 404.
        var server = LlamaCppTestHost.Router(
            "router-basic/03-models-all-unloaded", "router-basic/10-models-load-unknown", "router-basic/16-models-after-eviction");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("tiny-random", null, Token));

        Assert.StartsWith("model tiny-random not found on host lab (known: broken, stories260K, tiny-random)", error.Message);
    }

    [Fact]
    public async Task Load_NeverSettles_BoundedByHostTimeout()
    {
        var loading = RecordedExchange.Load("router-basic/07-models-loading");
        var server = new ReplayHandler(RecordedExchange.Load("router-basic/03-models-all-unloaded"), RecordedExchange.Load("router-basic/06-models-load"))
            .Always("router-basic/02-props").Always(loading);
        await using var host = LlamaCppTestHost.Create(server, timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("stories260K", null, Token));

        Assert.Equal("host lab: loading stories260K took longer than the timeout of 300 ms", error.Message);
    }

    [Fact]
    public async Task Unload_Success_WaitsUntilUnloaded()
    {
        var server = LlamaCppTestHost.Router("router-basic/20-models-unload", "router-basic/08-models-loaded", "router-basic/21-models-after-unload");
        await using var host = LlamaCppTestHost.Create(server);

        var result = await host.UnloadAsync("stories260K", Token);

        Assert.True(result.WasLoaded);
        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Unload_NotRunning_SuccessWithNote()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-basic/22-models-unload-not-running"));

        var result = await host.UnloadAsync("tiny-random", Token);

        Assert.False(result.WasLoaded);
        Assert.Equal("model tiny-random was not loaded on host lab", result.Note);
    }

    [Fact]
    public async Task Unload_Unknown_NamesKnownModels()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-basic/23-models-unload-unknown", "router-basic/21-models-after-unload"));

        var error = await Assert.ThrowsAsync<HostException>(() => host.UnloadAsync("no-such-model", Token));

        Assert.Equal("model no-such-model not found on host lab (known: broken, stories260K, tiny-random)", error.Message);
    }

    [Fact]
    public async Task Remove_ModelsDirEntry_Refused()
    {
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("stories260K", Token));

        Assert.Equal("model stories260K on host lab came from its models folder; delete the file on that machine", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Remove_CacheEntry_Deletes()
    {
        var list = """{"data":[{"id":"ggml-org/gemma-3-1b-it-GGUF:Q4_K_M","status":{"value":"unloaded"},"source":"cache","can_remove":true}],"object":"list"}""";
        var server = LlamaCppTestHost.Router();
        server.Always(RecordedExchange.Load("router-basic/03-models-all-unloaded").WithBody(list));
        server.Always(RecordedExchange.Load("router-basic/20-models-unload").WithRequest("DELETE", "/models?model=ggml-org%2Fgemma-3-1b-it-GGUF%3AQ4_K_M"));
        await using var host = LlamaCppTestHost.Create(server);

        await host.DeleteAsync("ggml-org/gemma-3-1b-it-GGUF:Q4_K_M", Token);

        Assert.Contains(server.Requests, r => r.Method == "DELETE");
    }

    [Theory]
    [InlineData("load")]
    [InlineData("unload")]
    [InlineData("remove")]
    [InlineData("download")]
    public async Task Single_ManagementRefused_ExplainsRouterMode(string operation)
    {
        var server = new ReplayHandler().Always("single/02-props").Always("single/03-models").Always("single/04-v1-models");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => operation switch
        {
            "load" => host.LoadAsync("x", null, Token),
            "unload" => host.UnloadAsync("x", Token),
            "remove" => host.DeleteAsync("x", Token),
            _ => host.PullAsync("x", null, Token),
        });

        Assert.Equal("host lab runs a single model; start llama-server with --models-dir or --models-preset for router mode", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task Download_FollowsEventFeedUntilFinished()
    {
        var feed = RecordedExchange.Load("router-sse/01-models-sse").WithBody(
            "data: {\"model\":\"ggml-org/x-GGUF:Q4_K_M\",\"event\":\"download_progress\",\"data\":{\"https://h/a.gguf\":{\"done\":50,\"total\":200}}}\n\n" +
            "data: {\"model\":\"ggml-org/x-GGUF:Q4_K_M\",\"event\":\"download_progress\",\"data\":{\"https://h/a.gguf\":{\"done\":200,\"total\":200}}}\n\n" +
            "data: {\"model\":\"ggml-org/x-GGUF:Q4_K_M\",\"event\":\"download_finished\",\"data\":{}}\n\n");
        var listed = RecordedExchange.Load("router-basic/03-models-all-unloaded").WithBody(
            """{"data":[{"id":"ggml-org/x-GGUF:Q4_K_M","status":{"value":"unloaded"},"source":"cache","can_remove":true}],"object":"list"}""");
        var server = new ReplayHandler(feed, RecordedExchange.Load("router-basic/20-models-unload").WithRequest("POST", "/models"), listed).Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.PullAsync("ggml-org/x-GGUF:Q4_K_M", progress, Token);

        Assert.Equal([-1, 0.25, 1.0, 1.0], progress.Items.Select(p => p.Fraction ?? -1));
        Assert.Equal(0, server.Unused);
        Assert.Equal(200, progress.Items[2].TotalBytes);
        Assert.Equal("""{"model":"ggml-org/x-GGUF:Q4_K_M"}""", server.Requests.Single(r => r.Path == "/models" && r.Method == "POST").Body);
    }

    [Fact]
    public async Task Download_Cancelled_AsksTheRouterToStop()
    {
        var replay = new ReplayHandler(RecordedExchange.Load("router-basic/20-models-unload").WithRequest("POST", "/models"), RecordedExchange.Load("router-basic/20-models-unload"))
            .Always("router-basic/02-props");
        var feed = new StallingHandler(": connected\n\n", "text/event-stream");
        await using var host = LlamaCppTestHost.Create(new PathRoutingHandler(replay, new() { ["/models/sse"] = feed }));
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var download = host.PullAsync("o/r:Q8_0", null, ctrlC.Token);
        await feed.Stalled.WaitAsync(Token);
        await ctrlC.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.Equal("""{"model":"o/r:Q8_0"}""", replay.Requests.Single(r => r.Path == "/models/unload").Body);
    }

    [Fact]
    public async Task Download_Failed_ReportsReason()
    {
        var feed = RecordedExchange.Load("router-sse/01-models-sse").WithBody(
            "data: {\"model\":\"o/r:Q8_0\",\"event\":\"download_failed\",\"data\":{\"error\":\"404 from hub\"}}\n\n");
        var server = new ReplayHandler(feed, RecordedExchange.Load("router-basic/20-models-unload").WithRequest("POST", "/models")).Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.PullAsync("o/r:Q8_0", null, Token));

        Assert.Equal("o/r:Q8_0 on host lab: download failed: 404 from hub", error.Message);
    }

    [Fact]
    public async Task Auth_Missing_401_SaysKeyRejected()
    {
        var server = new ReplayHandler().Always("router-basic/02-props").Always("router-auth/02-models-no-key");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.ListModelsAsync(Token));

        Assert.Equal("host lab rejected the API key (check apiKeyEnv or apiKeyFile)", error.Message);
    }

    [Fact]
    public async Task Auth_Bearer_SentOnEveryRequest()
    {
        var server = new ReplayHandler().Always("router-basic/02-props").Always("router-auth/03-models-bearer");
        await using var host = LlamaCppTestHost.Create(server, apiKey: "test-key-123");

        var models = await host.ListModelsAsync(Token);

        Assert.Equal(3, models.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer test-key-123", r.Authorization));
    }

    [Fact]
    public async Task Unreachable_NamesHostAndUrl()
    {
        await using var host = LlamaCppTestHost.Create(new RefusingHandler());

        var error = await Assert.ThrowsAsync<HostException>(() => host.ListModelsAsync(Token));

        Assert.StartsWith("host lab (http://127.0.0.1:8080/) is not reachable: Connection refused", error.Message);
    }

}
