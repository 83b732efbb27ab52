namespace Agon.Tests.Models;

/// <summary>
/// Against a real router built from source (router-80fb11a, llama.cpp build b1-80fb11a): a chat with an embedding
/// model, and a download while every --models-max place is taken, each become one sentence a person can act on.
/// </summary>
public sealed class RouterSourceBuildTests
{
    private const string Config = """
        {"hosts": [{"name": "r", "type": "llama.cpp", "url": "http://10.0.0.1:8080"}]}
        """;

    [Theory]
    [InlineData("", "router-80fb11a/03-chat-embedding-model-stream")]
    [InlineData(" --no-stream", "router-80fb11a/02-chat-embedding-model")]
    public async Task Chat_EmbeddingModel_SaysItCannotWriteText_Exit1(string flags, string recorded)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var server = new ReplayHandler(RecordedExchange.Load(recorded))
            .Always("router-80fb11a/00-props").Always("router-80fb11a/04-models-after");

        var result = await AgonRunner.RunAsync(env, "chat -p hi --target r/toy-bert-embed-synthetic" + flags, _ => server);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: toy-bert-embed-synthetic on host r: cannot write text: it is an embedding model (the server computes no logits for it)",
            result.StdErr.Trim());
        Assert.Empty(result.StdOut);
        Assert.Equal(0, server.Unused);
    }

    [Fact]
    public async Task Pull_AtModelsMax_SaysToUnloadFirst_Exit1()
    {
        // The server's own words, "model limit reached, try again later", suggest waiting; only an unload frees the place.
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var server = new ReplayHandler(RecordedExchange.Load("router-80fb11a/06-download-at-models-max"))
            .Always("router-80fb11a/00-props").Always("router-80fb11a/05-models-sleeping");

        var result = await AgonRunner.RunAsync(env, "pull models owner/repo:Q8_0 --host r", _ => server);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: host r could not start downloading owner/repo:Q8_0: it already runs its --models-max of 1 model (loaded or sleeping); unload one (agon unload models --host r) and pull again",
            result.StdErr.Trim());
        Assert.DoesNotContain("pulled", result.StdOut);
        Assert.Equal(0, server.Unused);
    }
}
