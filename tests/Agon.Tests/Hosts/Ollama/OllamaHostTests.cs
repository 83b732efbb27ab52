using Agon.Hosts;
using Agon.Hosts.Ollama;

namespace Agon.Tests.Hosts.Ollama;

/// <summary>The Ollama host against transcripts written from the API reference.</summary>
public sealed class OllamaHostTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Info_VersionAndMode()
    {
        await using var host = OllamaTestHost.Create(OllamaTestHost.Server("version"));

        var info = await host.GetInfoAsync(Token);

        Assert.Equal(HostMode.Ollama, info.Mode);
        Assert.Equal("0.12.3", info.Version);
    }

    [Fact]
    public async Task List_TagsJoinedWithPs()
    {
        await using var host = OllamaTestHost.Create(OllamaTestHost.Server("tags", "ps"));

        var models = await host.ListModelsAsync(Token);

        Assert.Equal(["qwen3:8b", "llama3.2:latest", "nomic-embed-text:latest"], models.Select(m => m.Id));
        var qwen = models[0];
        Assert.Equal(ModelStatus.Loaded, qwen.Status);
        Assert.Equal(5225376047, qwen.SizeBytes);
        Assert.Equal("qwen3", qwen.Family);
        Assert.Equal("8.2B", qwen.ParameterSize);
        Assert.Equal("Q4_K_M", qwen.Quantization);
        Assert.Equal(4096, qwen.ContextLength);
        Assert.Equal(6654289920, qwen.SizeVram);
        Assert.Equal(new DateTimeOffset(2025, 6, 4, 14, 38, 31, 830, TimeSpan.FromHours(-7)), qwen.ExpiresAt);
        Assert.Equal(ModelStatus.Available, models[1].Status);
        Assert.Equal(131072, models[1].ContextLength);
        Assert.Null(models[1].ExpiresAt);
    }

    [Theory]
    [InlineData("foo", "foo:latest")]
    [InlineData("foo:latest", "foo:latest")]
    [InlineData("ns/foo", "ns/foo:latest")]
    [InlineData("ns/foo:1b", "ns/foo:1b")]
    [InlineData("registry.local:5000/ns/foo", "registry.local:5000/ns/foo:latest")]
    public void Names_ImplicitLatest(string name, string normalized)
    {
        Assert.Equal(normalized, OllamaNames.Normalize(name));
        Assert.True(OllamaNames.Same(name, normalized));
    }

    [Fact]
    public void Names_DifferentTags_NotSame() => Assert.False(OllamaNames.Same("qwen3:8b", "qwen3"));

    [Fact]
    public async Task Load_OnlyModelAndKeepAlive()
    {
        var server = OllamaTestHost.Server("generate-load");
        await using var host = OllamaTestHost.Create(server, keepAlive: "10m");
        var progress = new ListProgress();

        await host.LoadAsync("qwen3:8b", progress, Token);

        Assert.Equal("""{"model":"qwen3:8b","keep_alive":"10m"}""", server.Requests.Single().Body);
        Assert.Equal(ModelStatus.Loaded, progress.Items[^1].Stage);

        // Ollama says nothing while it loads: no made-up "0%", so the terminal shows a spinner.
        Assert.Equal(ModelStatus.Loading, progress.Items[0].Stage);
        Assert.Null(progress.Items[0].Fraction);
    }

    [Fact]
    public async Task Load_KeepAliveSeconds_SentAsNumber()
    {
        var server = OllamaTestHost.Server("generate-load");
        await using var host = OllamaTestHost.Create(server, keepAlive: "-1");

        await host.LoadAsync("qwen3:8b", null, Token);

        Assert.Equal("""{"model":"qwen3:8b","keep_alive":-1}""", server.Requests.Single().Body);
    }

    [Fact]
    public async Task Unload_KeepAliveZero()
    {
        var server = OllamaTestHost.Server("tags", "ps", "generate-unload");
        await using var host = OllamaTestHost.Create(server);

        var result = await host.UnloadAsync("qwen3:8b", Token);

        Assert.True(result.WasLoaded);
        Assert.Equal("""{"model":"qwen3:8b","keep_alive":0}""", server.Requests.Single(r => r.Path == "/api/generate").Body);
    }

    [Fact]
    public async Task Unload_NotLoaded_Note_NoRequest()
    {
        var server = OllamaTestHost.Server("tags", "ps-empty");
        await using var host = OllamaTestHost.Create(server);

        var result = await host.UnloadAsync("llama3.2", Token);

        Assert.False(result.WasLoaded);
        Assert.Equal("model llama3.2:latest was not loaded on host box", result.Note);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task Pull_ProgressPerLayerSummed_UntilSuccess()
    {
        var server = OllamaTestHost.Server("pull-progress");
        await using var host = OllamaTestHost.Create(server);
        var progress = new ListProgress();

        await host.PullAsync("qwen3:1.7b", progress, Token);

        Assert.Equal("""{"model":"qwen3:1.7b","stream":true}""", server.Requests.Single().Body);
        var withBytes = progress.Items.Where(p => p.TotalBytes is not null).ToList();
        Assert.Equal([0L, 250L, 250L, 1000L, 4000L], withBytes.Take(5).Select(p => p.CompletedBytes!.Value));
        Assert.Equal(4000, withBytes[4].TotalBytes);
        Assert.Equal(ModelStatus.Downloaded, progress.Items[^1].Stage);
        Assert.Equal(1.0, progress.Items[^1].Fraction);
    }

    [Fact]
    public async Task Pull_ErrorLine_IsTheError()
    {
        await using var host = OllamaTestHost.Create(OllamaTestHost.Server("pull-error"));

        var error = await Assert.ThrowsAsync<HostException>(() => host.PullAsync("nope:1b", null, Token));

        Assert.Equal("nope:1b on host box: pull failed: pull model manifest: file does not exist", error.Message);
    }

    [Fact]
    public async Task Pull_Cancelled_ClosesTheRequest()
    {
        var blocking = new BlockingHandler();
        await using var host = OllamaTestHost.Create(blocking);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var pull = host.PullAsync("qwen3:1.7b", null, cts.Token);
        await blocking.Received.WaitAsync(Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
    }

    [Fact]
    public async Task Delete_404_ModelNotOnHost()
    {
        var server = OllamaTestHost.Server("delete-404");
        await using var host = OllamaTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.DeleteAsync("gone", Token));

        Assert.Equal("model gone is not on host box", error.Message);
        Assert.Equal("""{"model":"gone"}""", server.Requests.Single().Body);
    }

    [Fact]
    public async Task Delete_Success()
    {
        var server = OllamaTestHost.Server("delete");
        await using var host = OllamaTestHost.Create(server);

        await host.DeleteAsync("llama3.2:latest", Token);

        Assert.Equal("DELETE", server.Requests.Single().Method);
    }

    [Fact]
    public async Task Show_ParametersTemplateCapabilitiesContext()
    {
        await using var host = OllamaTestHost.Create(OllamaTestHost.Server("tags", "ps", "show"));

        var details = await host.DescribeAsync("qwen3:8b", Token);

        Assert.Equal([new("temperature", "0.6"), new("top_k", "20"), new KeyValuePair<string, string>("stop", "\"<|im_end|>\"")], details.Parameters);
        Assert.Equal(["completion", "tools", "thinking"], details.Capabilities);
        Assert.Equal(40960, details.Model.TrainingContextLength);
        Assert.Equal("qwen3", details.Architecture);
        Assert.Equal("{{ .Prompt }}", details.Template);
    }

    [Fact]
    public async Task Unauthorized_SaysKeyRejected()
    {
        var server = OllamaTestHost.Server("unauthorized");
        server.Always(RecordedExchange.Load("ollama/ps-empty"));
        await using var host = OllamaTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.ListModelsAsync(Token));

        Assert.Equal("host box rejected the API key (check apiKeyEnv or apiKeyFile)", error.Message);
    }

    [Fact]
    public async Task Unreachable_NamesHostAndUrl()
    {
        await using var host = OllamaTestHost.Create(new RefusingHandler());

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetInfoAsync(Token));

        Assert.StartsWith("host box (http://127.0.0.1:11434/) is not reachable", error.Message);
    }

    [Fact]
    public async Task Embeddings_Batched()
    {
        var server = OllamaTestHost.Server("embed");
        await using var host = OllamaTestHost.Create(server);

        var embeddings = await host.GetEmbeddingGenerator("nomic-embed-text").GenerateAsync(["a", "b"], null, Token);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal([0.02f, 0.1f, -0.05f], embeddings[1].Vector.ToArray());
        Assert.Equal(8, embeddings.Usage!.InputTokenCount);
        Assert.Equal("""{"model":"nomic-embed-text","input":["a","b"]}""", server.Requests.Single().Body);
    }
}
