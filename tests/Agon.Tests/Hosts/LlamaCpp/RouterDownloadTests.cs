using Agon.Hosts;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>
/// Downloads and deletes on a router (router-download, replayed in order): neither the 200 nor
/// <c>download_finished</c> proves a download; only a model the router then lists was downloaded.
/// </summary>
public sealed class RouterDownloadTests
{
    private const string Gemma = "ggml-org/gemma-3-270m-GGUF:Q8_0";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static RecordedExchange List(string data) =>
        RecordedExchange.Load("router-download/03-models-after-download-offline").WithBody("{\"data\":[" + data + "],\"object\":\"list\"}");

    [Fact]
    public async Task Download_FinishedButNeverListed_Fails()
    {
        var server = LlamaCppTestHost.Router(
            "router-download/01-models-sse-download", "router-download/02-models-download-offline", "router-download/03-models-after-download-offline");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        var error = await Assert.ThrowsAsync<HostException>(() => host.PullAsync(Gemma, progress, Token));

        Assert.Equal(
            "host lab could not download ggml-org/gemma-3-270m-GGUF:Q8_0 (the server reported a finished download but does not list the model: check the server's network and the repository name)",
            error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Equal(0, server.Unused);
        Assert.DoesNotContain(progress.Items, p => p.Stage == ModelStatus.Downloaded);
        var order = server.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(order.IndexOf("GET /models/sse") < order.IndexOf("POST /models"), "the feed must be open before the download is asked for");
    }

    [Fact]
    public async Task Download_FinishedAndListed_Succeeds()
    {
        var listed = List($$"""{"id":"{{Gemma}}","status":{"value":"unloaded"},"source":"cache","can_remove":true}""");
        var server = new ReplayHandler(
                RecordedExchange.Load("router-download/01-models-sse-download"), RecordedExchange.Load("router-download/02-models-download-offline"), listed)
            .Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.PullAsync(Gemma, progress, Token);

        Assert.Equal(ModelStatus.Downloaded, progress.Items[^1].Stage);
        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Download_WithoutTag_ListedWithTheTagTheRouterChose_Succeeds()
    {
        var feed = RecordedExchange.Load("router-download/01-models-sse-download").WithBody(
            "data: {\"model\":\"ggml-org/gemma-3-270m-GGUF\",\"event\":\"download_finished\"}\n\ndata: {\"model\":\"*\",\"event\":\"models_reload\"}\n\n");
        var listed = List($$"""{"id":"{{Gemma}}","status":{"value":"unloaded"},"source":"cache","can_remove":true}""");
        var server = new ReplayHandler(feed, RecordedExchange.Load("router-download/02-models-download-offline"), listed).Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);

        await host.PullAsync("ggml-org/gemma-3-270m-GGUF", null, Token);

        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Download_NoEventFeed_NeverListed_FailsAfterTheHostTimeout()
    {
        var clock = new FakeTimeProvider();
        var replay = new ReplayHandler(RecordedExchange.Load("router-download/02-models-download-offline"))
            .Always("router-basic/02-props").Always("router-download/03-models-after-download-offline");
        var server = new ClockAdvancingHandler(replay, clock, "/models", TimeSpan.FromSeconds(10));
        var options = LlamaCppTestHost.FastPolling with { PollInterval = TimeSpan.Zero };
        await using var host = LlamaCppTestHost.Create(server, timeout: TimeSpan.FromSeconds(30), clock: clock, options: options);

        var error = await Assert.ThrowsAsync<HostException>(() => host.PullAsync(Gemma, null, Token));

        Assert.Equal(
            "host lab could not download ggml-org/gemma-3-270m-GGUF:Q8_0 (the server accepted the download but never listed the model: check the server's network and the repository name)",
            error.Message);
        Assert.Equal(3, replay.Requests.Count(r => r.Method == "GET" && r.Path == "/models"));
    }

    [Fact]
    public async Task Download_FeedSaysNothing_ListWatchedInstead_NeverListed_Fails()
    {
        var clock = new FakeTimeProvider();
        var replay = new ReplayHandler(RecordedExchange.Load("router-download/02-models-download-offline"))
            .Always("router-basic/02-props").Always("router-download/03-models-after-download-offline");
        var feed = new StallingHandler(": connected\n\n", "text/event-stream");
        var server = new ClockAdvancingHandler(new PathRoutingHandler(replay, new() { ["/models/sse"] = feed }), clock, "/models", TimeSpan.FromSeconds(10));
        var options = LlamaCppTestHost.FastPolling with { PollInterval = TimeSpan.Zero };
        await using var host = LlamaCppTestHost.Create(server, timeout: TimeSpan.FromSeconds(30), clock: clock, options: options);

        var download = host.PullAsync(Gemma, null, Token);
        await feed.Stalled.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<HostException>(() => download);

        Assert.Equal(
            "host lab could not download ggml-org/gemma-3-270m-GGUF:Q8_0 (the server accepted the download but never listed the model: check the server's network and the repository name)",
            error.Message);
        Assert.Equal(3, replay.Requests.Count(r => r.Method == "GET" && r.Path == "/models"));
    }

    [Fact]
    public async Task Download_EmptyName_ServerMessage()
    {
        var server = LlamaCppTestHost.Router("router-download/04-models-download-empty");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.PullAsync("", null, Token));

        Assert.Equal("host lab: model must be a non-empty string (HTTP 400)", error.Message);
    }

    [Fact]
    public async Task Remove_NotListed_NotOnHost_NothingDeleted()
    {
        var server = LlamaCppTestHost.Router("router-download/03-models-after-download-offline");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("no-such-model", Token));

        Assert.Equal("model no-such-model is not on host lab", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Remove_Unknown500_NotOnHost()
    {
        // Listed a moment ago (a cache entry someone else has since deleted): DELETE answers 500 "is not found" (05).
        var server = new ReplayHandler(
                List("""{"id":"no-such-model","status":{"value":"unloaded"},"source":"cache","can_remove":true}"""),
                RecordedExchange.Load("router-download/05-models-delete-unknown"))
            .Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("no-such-model", Token));

        Assert.Equal("model no-such-model is not on host lab", error.Message);
        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Remove_NotRemovable500_DeleteTheFileOnThatMachine()
    {
        // An older build that does not say can_remove lets the client try; DELETE answers 500 "not removable" (06).
        var server = new ReplayHandler(
                List("""{"id":"stories260K","status":{"value":"unloaded"},"can_remove":true}"""),
                RecordedExchange.Load("router-download/06-models-delete-local"))
            .Always("router-basic/02-props");
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("stories260K", Token));

        Assert.Equal("model stories260K on host lab came from its models folder; delete the file on that machine", error.Message);
        Assert.Equal(0, server.Unused);
    }
}
