using Agon.Hosts;
using Agon.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>
/// A router started with <c>--sleep-idle-seconds</c> (router-sleep, replayed in order): a sleeping model is resident
/// and ready to chat; a load request would be refused as "already running" and would never wake it.
/// </summary>
public sealed class RouterSleepTests
{
    private static readonly ChatMessage[] s_story =
    [
        new(ChatRole.System, "You are a helpful assistant who tells short stories."),
        new(ChatRole.User, "Tell me a short story about a cat."),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("router-sleep/03-models-sleeping", "sleeping")]
    [InlineData("router-sleep/05-models-after-load-sleeping", "sleeping")]
    [InlineData("router-sleep/07-models-after-wake", "loaded")]
    [InlineData("router-sleep/10-models-after-unload-sleeping", "unloaded")]
    public async Task List_EachRecordedState(string fixture, string status)
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router(fixture));

        var models = await host.ListModelsAsync(Token);

        Assert.Equal(status, models.Single(m => m.Id == "stories260K").Status);
        Assert.Equal(ModelStatus.Unloaded, models.Single(m => m.Id == "tiny-random").Status);
    }

    [Fact]
    public async Task List_Sleeping_ShownAsSleeping_CountsAsRunning()
    {
        await using var host = LlamaCppTestHost.Create(LlamaCppTestHost.Router("router-sleep/03-models-sleeping"));

        var stories = (await host.ListModelsAsync(Token)).Single(m => m.Id == "stories260K");

        Assert.Equal(ModelStatus.Sleeping, stories.Status);
        Assert.True(ModelStatus.IsRunning(stories.Status));
        Assert.Null(stories.ExitCode);
        Assert.Equal(1171200, stories.SizeBytes);
    }

    [Fact]
    public async Task Load_ThenTheModelFallsAsleep_LoadedFromTheFeed()
    {
        // 01 is the feed around 02; it goes on to say "sleeping" once the model idles, after the load has finished.
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded", "router-sleep/01-models-sse-to-sleep", "router-sleep/02-models-load");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.LoadAsync("stories260K", progress, Token);

        Assert.Equal(0, server.Unused);
        Assert.Equal(ModelStatus.Loaded, progress.Items[^1].Stage);
    }

    [Fact]
    public async Task Load_Sleeping_FinishesAtOnce_WithoutALoadRequest()
    {
        var server = LlamaCppTestHost.Router("router-sleep/03-models-sleeping");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.LoadAsync("stories260K", progress, Token);

        Assert.Equal(ModelStatus.Sleeping, Assert.Single(progress.Items).Stage);
        Assert.DoesNotContain(server.Requests, r => r.Path is "/models/load" or "/models/sse");
    }

    [Fact]
    public async Task StartLoad_Sleeping_NothingSent()
    {
        var server = LlamaCppTestHost.Router("router-sleep/03-models-sleeping");
        await using var host = LlamaCppTestHost.Create(server);

        var status = await host.StartLoadAsync("stories260K", Token);

        Assert.Equal("sleeping", status);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Load_RefusedAsAlreadyRunning_ThenStillSleeping_FinishesInsteadOfWaitingForLoaded()
    {
        // The list was read before the model fell asleep; the load is refused (04) and the model stays asleep (05).
        var server = LlamaCppTestHost.Router("router-basic/03-models-all-unloaded", "router-sleep/04-models-load-sleeping", "router-sleep/05-models-after-load-sleeping");
        await using var host = LlamaCppTestHost.Create(server);
        var progress = new ListProgress();

        await host.LoadAsync("stories260K", progress, Token);

        Assert.Equal(0, server.Unused);
        Assert.Equal(ModelStatus.Sleeping, progress.Items[^1].Stage);
    }

    [Fact]
    public async Task Chat_Sleeping_NoLoadRequest_LoadMsIsTheWakeTheRequestWaitedFor()
    {
        var clock = new FakeTimeProvider();
        var replay = LlamaCppTestHost.Router("router-sleep/03-models-sleeping", "router-sleep/06-chat-wakes-sleeping", "router-sleep/07-models-after-wake");
        var server = new ClockAdvancingHandler(replay, clock, "/v1/chat/completions", TimeSpan.FromMilliseconds(500));
        await using var host = LlamaCppTestHost.Create(server, clock: clock);

        var response = await host.GetChatClient("stories260K").GetResponseAsync(s_story, new ChatOptions { MaxOutputTokens = 16 }, Token);

        Assert.Equal("\"Here,\" Annack. \"I'", response.Text);
        Assert.DoesNotContain(replay.Requests, r => r.Path == "/models/load");
        var metrics = (ResponseMetrics)response.AdditionalProperties![ResponseMetrics.PropertyKey]!;

        // 500 ms waited, of which the server spent 17.66 ms on the prompt and 8.118 ms generating (06's timings).
        Assert.Equal(500 - 17.66 - 8.118, metrics.LoadMs!.Value.Value, 6);
        Assert.Equal(MetricSource.Client, metrics.LoadMs.Value.Source);

        var models = await host.ListModelsAsync(Token);
        Assert.Equal(ModelStatus.Loaded, models.Single(m => m.Id == "stories260K").Status);
    }

    [Fact]
    public async Task ChatStream_SleptAgain_Wakes_NoLoadRequest()
    {
        var server = LlamaCppTestHost.Router("router-sleep/03-models-sleeping", "router-sleep/08-chat-stream-wakes-sleeping");
        await using var host = LlamaCppTestHost.Create(server);

        var text = new System.Text.StringBuilder();
        ResponseMetrics? metrics = null;
        await foreach (var update in host.GetChatClient("stories260K").GetStreamingResponseAsync(s_story, null, Token))
        {
            text.Append(update.Text);
            metrics = update.AdditionalProperties?[ResponseMetrics.PropertyKey] as ResponseMetrics ?? metrics;
        }

        Assert.StartsWith("\"Here,\"", text.ToString());
        Assert.Equal(0, server.Unused);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/models/load");
        Assert.NotNull(metrics?.LoadMs);
    }

    [Fact]
    public async Task Unload_Sleeping_UnloadsAndWaits()
    {
        var server = LlamaCppTestHost.Router("router-sleep/09-models-unload-sleeping", "router-sleep/10-models-after-unload-sleeping");
        await using var host = LlamaCppTestHost.Create(server);

        var result = await host.UnloadAsync("stories260K", Token);

        Assert.True(result.WasLoaded);
        Assert.Equal(0, server.Unused);
        Assert.Equal("""{"model":"stories260K"}""", server.Requests.Single(r => r.Path == "/models/unload").Body);
    }
}
