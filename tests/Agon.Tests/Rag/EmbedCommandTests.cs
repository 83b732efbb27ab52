using System.Numerics.Tensors;
using System.Text.Json;

namespace Agon.Tests.Rag;

/// <summary><c>agon embed</c> against the recorded llama.cpp server, a written Ollama (not recorded: ollama-api.md §9) and the in-process engine with the toy BERT.</summary>
public sealed class EmbedCommandTests
{
    private const string LabConfig = """{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}]}""";

    [Fact]
    public async Task Recorded_TwoTexts_OneJsonDocument_VectorsAsServed()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(LabConfig);
        var server = new ReplayHandler(RecordedExchange.Load("embeddings/01-v1-embeddings-batch"));

        var result = await AgonRunner.RunAsync(env, "embed \"the cat sat on the mat\" \"stock markets fell\" --target lab/toy-bert", _ => server);

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("embed", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal(("lab", "toy-bert", 64), (root.GetProperty("host").GetString(), root.GetProperty("model").GetString(), root.GetProperty("dimensions").GetInt32()));
        var embeddings = root.GetProperty("embeddings").EnumerateArray().ToList();
        Assert.Equal(["the cat sat on the mat", "stock markets fell"], embeddings.Select(e => e.GetProperty("text").GetString()));
        Assert.Equal(0.10379405319690704f, embeddings[0].GetProperty("vector")[0].GetSingle());
        Assert.Equal(64, embeddings[1].GetProperty("vector").GetArrayLength());
        var sent = JsonDocument.Parse(server.Requests.Single().Body!).RootElement;
        Assert.Equal(2, sent.GetProperty("input").GetArrayLength());
    }

    [Fact]
    public async Task Ollama_ApiEmbed_AllTextsInOneRequest_VectorsAsServed()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434"}]}""");
        var bodies = new List<string>();
        var ollama = new DelegateHandler(async (request, ct) =>
        {
            bodies.Add(request.RequestUri!.AbsolutePath + " " + await request.Content!.ReadAsStringAsync(ct));
            var answer = """{"model":"all-minilm","embeddings":[[0.6,0.8,0.0],[0.0,0.6,0.8]],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}""";
            return new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.StringContent(answer, System.Text.Encoding.UTF8, "application/json") };
        });

        var result = await AgonRunner.RunAsync(env, "embed cats dogs --target box/all-minilm", _ => ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("embed", result.StdOut);
        var root = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal(3, root.GetProperty("dimensions").GetInt32());
        Assert.Equal([0.0f, 0.6f, 0.8f], root.GetProperty("embeddings")[1].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
        var sent = Assert.Single(bodies);
        Assert.StartsWith("/api/embed ", sent, StringComparison.Ordinal);
        var body = JsonDocument.Parse(sent["/api/embed ".Length..]).RootElement;
        Assert.Equal(("all-minilm", 2), (body.GetProperty("model").GetString(), body.GetProperty("input").GetArrayLength()));
    }

    [Fact]
    public async Task Stdin_OneTextPerLine_Ndjson_OneLineEach_DefaultTargetFromRagSettings()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragEmbeddingHost": "lab", "ragEmbeddingModel": "toy-bert"}""");
        var server = new ReplayHandler(RecordedExchange.Load("embeddings/01-v1-embeddings-batch"));

        var result = await AgonRunner.RunAsync(env, "embed --output ndjson", _ => server, stdin: "the cat sat on the mat\r\n\n  \nstock markets fell\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Schemas.AssertValid("embed", line));
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([0, 1], lines.Select(l => l.GetProperty("index").GetInt32()));
        Assert.All(lines, l => Assert.Equal(("lab", "toy-bert", 64), (l.GetProperty("host").GetString(), l.GetProperty("model").GetString(), l.GetProperty("dimensions").GetInt32())));
        Assert.Equal("stock markets fell", lines[1].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("embed", null, "error: nothing to embed: give TEXT arguments or lines on stdin (echo \"…\" | agon embed)")]
    [InlineData("embed hello", null, "error: no embedding model: give --target host/model, or set ragEmbeddingHost and ragEmbeddingModel in the configuration")]
    [InlineData("embed hello --target toy-bert", null, "error: --target toy-bert: expected host/model (for example lab/model)")]
    [InlineData("embed hello --target far/toy-bert", null, "error: --target far/toy-bert: unknown host 'far' (configured: lab)")]
    [InlineData("embed hello --output csv", null, "error: --output: expected json or ndjson, got 'csv'\nRun 'agon embed --help' for usage.\n")]
    public async Task BadInput_OneLine_Exit2(string commandLine, string? stdin, string expected)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(LabConfig);

        var result = await AgonRunner.RunAsync(env, commandLine, _ => new ReplayHandler(), stdin: stdin);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.StdErr);
    }

    [Fact]
    public async Task InProcess_ToyBert_RelatedTextsCloser()
    {
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();
        var dir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(dir);
        File.Copy(SharedModels.Path("toy-bert-embed-synthetic.gguf"), Path.Combine(dir, "toy-bert-embed-synthetic.gguf"));
        env.WriteConfig($$"""{"hosts": [{"name": "local", "type": "embedded", "modelsDir": "{{JsonEncodedText.Encode(dir)}}"}]}""");

        var result = await AgonRunner.RunAsync(env, "embed \"the cat sat on the mat\" \"a kitten sleeps on the rug\" \"stock markets fell sharply today\" --target local/toy-bert-embed-synthetic");

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("embed", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var vectors = json.RootElement.GetProperty("embeddings").EnumerateArray().Select(e => e.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToList();
        Assert.Equal(64, vectors[0].Length);
        var related = TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]);
        Assert.True(related > unrelated + 0.2, $"related {related}, unrelated {unrelated}");
    }
}
