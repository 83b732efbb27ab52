using System.Text.Json;
using Agon.Configuration;
using Agon.Hosts.Embedded;

namespace Agon.Tests.Benchmarks;

/// <summary><c>agon benchmark</c> on the in-process engine with a tiny real model (skipped, saying why, when shared/models is absent).</summary>
public sealed class BenchmarkEmbeddedTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Models(FakeEnvironment env)
    {
        SharedModels.RequireOrSkip();
        var dir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(dir);
        File.Copy(SharedModels.Path("stories260K.gguf"), Path.Combine(dir, "stories260K.gguf"));
        return dir;
    }

    [Fact]
    public async Task Tokenizer_PiecesMakeTheTextBack_WithoutBos()
    {
        using var env = new FakeEnvironment();
        var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [Models(env)], Timeout = TimeSpan.FromMinutes(2) };
        await using var host = new EmbeddedHost(config, env, TimeProvider.System, new MemoryLog());

        var pieces = await host.TokenizeAsync("stories260K", "Once upon a time there was a little cat", Token);

        Assert.True(pieces.Count is > 5 and < 40, string.Join("|", pieces));
        Assert.Equal("Once upon a time there was a little cat", string.Concat(pieces).TrimStart());
    }

    [Fact]
    public async Task Embedded_PromptMeasuredWithTheModelsTokenizer_ExactlyTheAskedTokens()
    {
        using var env = new FakeEnvironment();
        var dir = Models(env);
        env.WriteConfig($$"""{"hosts": [{"name": "local", "type": "embedded", "modelsDir": "{{JsonEncodedText.Encode(dir)}}", "models": ["stories260K"]}]}""");

        var result = await AgonRunner.RunAsync(env, $"benchmark --runs 2 --pp 32 --tg 24 --json --db {Path.Combine(env.Root, "agon.db")}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("benchmark", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var target = json.RootElement.GetProperty("results")[0];
        Assert.Equal(("tokenizer", 32), (target.GetProperty("promptMeasuredBy").GetString(), target.GetProperty("promptTokensMeasured").GetInt32()));
        var completion = target.GetProperty("figures").GetProperty("completionTokens");
        Assert.Equal((24.0, 24.0), (completion.GetProperty("min").GetDouble(), completion.GetProperty("max").GetDouble()));
        Assert.Equal("embedded", target.GetProperty("backend").GetString());
    }
}
