using System.Text.Json.Nodes;
using Agon.Hosts;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>Embeddings over /v1/embeddings, replayed from the recorded server.</summary>
public sealed class LlamaCppEmbeddingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batch_TwoVectorsInOrder_RequestAsRecorded()
    {
        var recorded = RecordedExchange.Load("embeddings/01-v1-embeddings-batch");
        var server = new ReplayHandler(recorded);
        await using var host = LlamaCppTestHost.Create(server);
        var inputs = recorded.RequestBody!["input"]!.AsArray().Select(i => (string)i!).ToList();

        var embeddings = await host.GetEmbeddingGenerator("toy-bert").GenerateAsync(inputs, null, Token);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(64, e.Vector.Length));
        Assert.Equal(0.10379405319690704f, embeddings[0].Vector.Span[0]);
        Assert.Equal(13, embeddings.Usage!.InputTokenCount);
        var sent = server.Requests.Single().Json!.AsObject();
        Assert.Equal("toy-bert", (string?)sent["model"]);
        Assert.Equal("float", (string?)sent["encoding_format"]);
        Assert.True(JsonNode.DeepEquals(recorded.RequestBody!["input"], sent["input"]));
    }

    [Fact]
    public async Task NotEnabled_501_SaysStartWithEmbeddings()
    {
        await using var host = LlamaCppTestHost.Create(new ReplayHandler(RecordedExchange.Load("embeddings/04-v1-embeddings-not-enabled")));

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetEmbeddingGenerator("stories260K").GenerateAsync(["hi"], null, Token));

        Assert.Equal("stories260K on host lab: this server does not compute embeddings; start llama-server with --embeddings", error.Message);
    }
}
