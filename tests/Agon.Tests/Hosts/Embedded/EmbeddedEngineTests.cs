using System.Numerics.Tensors;
using System.Text.Json;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.Embedded;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Hosts.Embedded;

/// <summary>The in-process engine on the tiny real models of shared/models (skipped, saying why, when they are absent).</summary>
public sealed class EmbeddedEngineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static EmbeddedHost Host(FakeEnvironment env, int modelsMax = 1, params string[] files)
    {
        SharedModels.RequireOrSkip();
        var dir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(dir);
        foreach (var file in files)
        {
            File.Copy(SharedModels.Path(file), Path.Combine(dir, file));
        }

        var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [dir], ModelsMax = modelsMax, Timeout = TimeSpan.FromMinutes(2) };
        return new EmbeddedHost(config, env, TimeProvider.System, new MemoryLog());
    }

    private static ChatOptions Greedy(int maxTokens = 40) => new() { Temperature = 0, MaxOutputTokens = maxTokens, Seed = 42 };

    [Fact]
    public async Task Stories_GreedyGeneration_DeterministicEnglish()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var client = host.GetChatClient("stories260K");

        var first = await client.GetResponseAsync("Once upon a time", Greedy(), Token);
        var second = await client.GetResponseAsync("Once upon a time", Greedy(), Token);

        Assert.Equal(first.Text, second.Text);
        Assert.True(first.Text.Length > 40, first.Text);
        var words = first.Text.Split([' ', '.', ',', '\n', '"', '!', '?'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(words, w => w is "the" or "was" or "a" or "and" or "to");
        Assert.Equal(40, first.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Stories_GreedyArgMax_SameTextAsTheSamplerChain()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var client = host.GetChatClient("stories260K");
        var chain = Greedy(60);
        chain.AdditionalProperties = new() { ["repeat_penalty"] = 1.0000001 };

        var argMax = await client.GetResponseAsync("Once upon a time", Greedy(60), Token);
        var sampled = await client.GetResponseAsync("Once upon a time", chain, Token);

        Assert.Equal(sampled.Text, argMax.Text);
        Assert.Equal(60, argMax.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Stories_ReaderStopsEarly_EngineLetsGoAndTheNextChatRuns()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var client = host.GetChatClient("stories260K");

        await foreach (var update in client.GetStreamingResponseAsync("Once upon a time", Greedy(200), Token))
        {
            if (update.Text.Length > 0)
            {
                break;
            }
        }

        var next = await client.GetResponseAsync("Once upon a time", Greedy(10), Token);
        Assert.Equal(10, next.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Stories_CancelledMidStream_ThrowsCancelledAndTheNextChatRuns()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var client = host.GetChatClient("stories260K");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Once upon a time", Greedy(2000), cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        var next = await client.GetResponseAsync("Once upon a time", Greedy(10), Token);
        Assert.Equal(10, next.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Stories_StopSequence_EndsBeforeItAndSaysStop()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var client = host.GetChatClient("stories260K");
        var full = await client.GetResponseAsync("Once upon a time", Greedy(60), Token);
        var cut = full.Text.IndexOf(" was", StringComparison.Ordinal);
        Assert.True(cut > 0, full.Text);
        var options = Greedy(60);
        options.StopSequences = [" was"];

        var stopped = await client.GetResponseAsync("Once upon a time", options, Token);

        Assert.Equal(full.Text[..cut], stopped.Text);
        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
    }

    [Fact]
    public async Task Stories_Streaming_MetricsFromTheEngine()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in host.GetChatClient("stories260K").GetStreamingResponseAsync("Once upon a time", Greedy(20), Token))
        {
            updates.Add(update);
        }

        var metrics = Assert.IsType<Agon.Metrics.ResponseMetrics>(updates[^1].AdditionalProperties![Agon.Metrics.ResponseMetrics.PropertyKey]);
        Assert.Equal(20, metrics.CompletionTokens!.Value.Value);
        Assert.True(metrics.PromptTokens!.Value.Value > 3);
        Assert.True(metrics.GenerationTokensPerSecond!.Value.Value > 0);
        Assert.True(metrics.LoadMs!.Value.Value > 0);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Stories_JsonMode_OutputParses()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");

        var response = await host.GetChatClient("stories260K").GetResponseAsync("Tell me about a cat.", new ChatOptions { Temperature = 0, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.Json }, Token);

        using var json = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task Stories_JsonSchema_OutputMatchesSchema()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"},"mood":{"enum":["happy","sad"]},"age":{"type":"integer"}},"required":["name","mood"]}""").RootElement;

        var response = await host.GetChatClient("stories260K").GetResponseAsync("Describe the cat.", new ChatOptions { Temperature = 0, MaxOutputTokens = 300, ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) }, Token);

        var (valid, errors) = JsonVerdict.Judge(response.Text, schema);
        Assert.True(valid, response.Text + "\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task ToyBert_RelatedSentencesCloser()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "toy-bert-embed-synthetic.gguf");

        var vectors = await host.GetEmbeddingGenerator("toy-bert-embed-synthetic")
            .GenerateAsync(["the cat sat on the mat", "a kitten sleeps on the rug", "stock markets fell sharply today"], null, Token);

        var related = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.Equal(64, vectors[0].Vector.Length);
        Assert.True(related > unrelated + 0.2, $"related {related}, unrelated {unrelated}");
    }

    [Fact]
    public async Task Lru_ModelsMax1_SecondLoadEvictsFirst()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf", "llama-2-tiny-random.gguf");

        await host.LoadAsync("stories260K", null, Token);
        await host.LoadAsync("llama-2-tiny-random", null, Token);

        var models = await host.ListModelsAsync(Token);
        Assert.Equal(ModelStatus.Unloaded, models.Single(m => m.Id == "stories260K").Status);
        var tiny = models.Single(m => m.Id == "llama-2-tiny-random");
        Assert.Equal(ModelStatus.Loaded, tiny.Status);
        Assert.Equal("llama", tiny.Family);
    }

    [Fact]
    public async Task Describe_Unloaded_ReadsMetadataWithoutLoading()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1, "stories260K.gguf");

        var details = await host.DescribeAsync("stories260K", Token);

        Assert.Equal("llama", details.Architecture);
        Assert.Equal(2048, details.Model.TrainingContextLength);
        Assert.Contains(details.Parameters, p => p.Key == "llama.block_count" && p.Value == "5");
        Assert.Equal(ModelStatus.Unloaded, (await host.ListModelsAsync(Token)).Single().Status);
    }

    [Fact]
    public async Task BrokenFile_StatusFailedWithReason_NoCrash()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1);
        var bytes = new byte[1000];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(Path.Combine(env.Root, "models", "broken.gguf"), bytes, Token);

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("broken", null, Token));

        Assert.Equal("broken on host local: failed to load: broken.gguf is not a GGUF file", error.Message);
        var entry = Assert.Single(await host.ListModelsAsync(Token));
        Assert.Equal(ModelStatus.Failed, entry.Status);
        Assert.Equal("broken.gguf is not a GGUF file", entry.Reason);
    }

    [Fact]
    public async Task TruncatedGguf_FailedNotCrash()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env, 1);
        var real = await File.ReadAllBytesAsync(SharedModels.Path("stories260K.gguf"), Token);
        await File.WriteAllBytesAsync(Path.Combine(env.Root, "models", "cut.gguf"), real[..4096], Token);

        var error = await Assert.ThrowsAsync<HostException>(() => host.LoadAsync("cut", null, Token));

        Assert.Equal("cut on host local: failed to load: cut.gguf is truncated (its header ends early)", error.Message);
    }

    [Fact]
    public async Task Cli_LoadModels_SaysInProcessLoadsEndWithTheRun()
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, $"load models local/stories260K --models-dir {SharedModels.Directory}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("note: host local runs models inside agon, so they stay loaded only while this command runs", result.StdErr);
        Assert.Matches(@"^loaded stories260K on local \(\d+\.\d s\)", result.StdOut);
    }

    [Fact]
    public async Task Cli_ChatThroughDefaultHost_WithModelsDir()
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, $"chat --models-dir {SharedModels.Directory} -t local/stories260K -p \"Once upon a time\" --param temperature=0 --param max_tokens=30 --output json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var outcome = json.RootElement.GetProperty("results")[0];
        Assert.True(outcome.GetProperty("content").GetString()!.Length > 20);
        Assert.Equal(30, outcome.GetProperty("metrics").GetProperty("completionTokens").GetProperty("value").GetInt32());
    }
}
