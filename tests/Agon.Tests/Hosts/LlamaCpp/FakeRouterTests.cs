using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>State changes against a stateful router: load → loading → loaded, LRU eviction at models-max, failures.</summary>
public sealed class FakeRouterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_ThroughEventFeed_LoadingThenLoaded()
    {
        var router = new FakeRouter(2, "stories260K", "tiny-random");
        await using var host = LlamaCppTestHost.Create(router);
        var progress = new ListProgress();

        await host.LoadAsync("stories260K", progress, Token);

        Assert.Equal(["stories260K:loading", "stories260K:loading", "stories260K:loaded"], router.History);
        Assert.Equal(ModelStatus.Loaded, (await host.ListModelsAsync(Token)).Single(m => m.Id == "stories260K").Status);
        Assert.Equal(1.0, progress.Items[^1].Fraction);
    }

    [Fact]
    public async Task Load_AtModelsMax_EvictsLeastRecentlyUsed()
    {
        var router = new FakeRouter(1, "stories260K", "tiny-random");
        await using var host = LlamaCppTestHost.Create(router);

        await host.LoadAsync("stories260K", null, Token);
        await host.LoadAsync("tiny-random", null, Token);

        var models = await host.ListModelsAsync(Token);
        Assert.Equal(ModelStatus.Unloaded, models.Single(m => m.Id == "stories260K").Status);
        Assert.Null(models.Single(m => m.Id == "stories260K").ExitCode);
        Assert.Equal(ModelStatus.Loaded, models.Single(m => m.Id == "tiny-random").Status);
    }

    [Fact]
    public async Task Chat_AfterEviction_LoadsAgain_AndAnswers()
    {
        var router = new FakeRouter(1, "stories260K", "tiny-random");
        await using var host = LlamaCppTestHost.Create(router);
        var stories = host.GetChatClient("stories260K");
        var tiny = host.GetChatClient("tiny-random");

        var first = await stories.GetResponseAsync("hi", null, Token);
        var second = await tiny.GetResponseAsync("hi", null, Token);

        Assert.Equal("stories260K", first.ModelId);
        Assert.Equal("tiny-random", second.ModelId);
        Assert.Equal("unloaded", router.StatusOf("stories260K"));
        Assert.Contains("stories260K:unloaded", router.History);
    }

    [Fact]
    public async Task Load_BrokenFile_FailedWithExitCode_ThenListedAsFailed()
    {
        var router = new FakeRouter(1, "broken", "stories260K");
        router.Broken.Add("broken");
        await using var host = LlamaCppTestHost.Create(router);

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("broken", null, Token));

        Assert.Equal("model broken failed to load on host lab (exit code 1)", error.Message);
        var entry = (await host.ListModelsAsync(Token)).Single(m => m.Id == "broken");
        Assert.Equal(ModelStatus.Failed, entry.Status);
        Assert.Equal(1, entry.ExitCode);
    }

    [Fact]
    public async Task Unload_ThenUnloadAgain_SecondIsANote()
    {
        var router = new FakeRouter(2, "stories260K");
        await using var host = LlamaCppTestHost.Create(router);
        await host.LoadAsync("stories260K", null, Token);

        var first = await host.UnloadAsync("stories260K", Token);
        var second = await host.UnloadAsync("stories260K", Token);

        Assert.True(first.WasLoaded);
        Assert.False(second.WasLoaded);
        Assert.Equal("model stories260K was not loaded on host lab", second.Note);
    }
}
