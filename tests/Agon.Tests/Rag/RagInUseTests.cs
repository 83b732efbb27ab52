using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Agon.Chat;
using Agon.Configuration;
using Agon.Interactive;
using Agon.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Rag;

/// <summary>
/// RAG in use: <c>chat --rag</c> (headless and the interactive view model) and <c>accuracy --rag</c>. Embeddings come
/// from <see cref="FakeEmbeddingServer"/> on the llama.cpp host "lab"; answers from a fake Ollama "box" written
/// here (not recorded) that answers from the message it got, so what reached it decides the score.
/// </summary>
public sealed class RagInUseTests
{
    private const string Config = """
        {"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"},
                   {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"], "systemprompt": "Be brief."}],
         "ragCorpusPath": "corpus", "ragIndexPath": "corpus/index.db", "ragEmbeddingHost": "lab", "ragEmbeddingModel": "toy-bert",
         "ragChunkSizeTokens": 50, "ragTopK": 1}
        """;

    private const string Fact = "The lab password rotation happens every 42 days.";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Answers 42 (naming the file) when the message carries the CONTEXT line about rotation, else "I do not know".</summary>
    private sealed class Ollama
    {
        public List<JsonNode> Chats { get; } = [];

        public HttpMessageHandler Handler => new DelegateHandler(async (request, ct) =>
        {
            if (request.RequestUri!.AbsolutePath != "/api/chat")
            {
                return Json("""{"models":[]}""");
            }

            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(ct))!;
            lock (Chats)
            {
                Chats.Add(body);
            }

            var user = (string)body["messages"]!.AsArray().Last()!["content"]!;
            var answer = user.Contains("every 42 days", StringComparison.Ordinal) ? "42 (from ops/rotation.md)" : "I do not know.";
            return Json(new JsonObject
            {
                ["model"] = "llama3.2",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
                ["done"] = true,
                ["done_reason"] = "stop",
                ["eval_count"] = 4,
                ["eval_duration"] = 100_000_000,
            }.ToJsonString());
        });

        private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    private sealed class Fleet
    {
        public FakeEmbeddingServer Embeddings { get; } = new() { Dimensions = 256 };

        public Ollama Ollama { get; } = new();

        public HttpMessageHandler For(HostConfig host) => host.Name == "lab" ? Embeddings : Ollama.Handler;
    }

    private static async Task<(FakeEnvironment Env, Fleet Fleet)> IndexedAsync()
    {
        var env = new FakeEnvironment();
        env.WriteConfig(Config);
        env.WriteFile("corpus/ops/rotation.md", Fact);
        env.WriteFile("corpus/pets.md", "Cats purr and dogs bark at the mail carrier.");
        var fleet = new Fleet();
        var indexed = await AgonRunner.RunAsync(env, "rag index", fleet.For);
        Assert.True(indexed.ExitCode == 0, indexed.ToString());
        fleet.Embeddings.Requests.Clear();
        return (env, fleet);
    }

    [Fact]
    public async Task ChatRag_ContextBeforeThePrompt_SystemLineAdded_SourcesNamedAfterTheAnswer()
    {
        var (env, fleet) = await IndexedAsync();
        using var _ = env;

        var result = await AgonRunner.RunAsync(env, "chat --rag -t box/llama3.2 -p \"how often does the lab password rotation happen\" --no-save", fleet.For);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("42 (from ops/rotation.md)\n", result.StdOut);
        Assert.Contains("sources: ops/rotation.md\n", result.StdErr);
        Assert.Equal(["how often does the lab password rotation happen"], fleet.Embeddings.Inputs);
        var messages = Assert.Single(fleet.Ollama.Chats)["messages"]!.AsArray();
        Assert.Equal("Be brief.\nIf CONTEXT is provided, treat it as authoritative reference material.", (string?)messages[0]!["content"]);
        Assert.Equal($"CONTEXT\n[doc:ops/rotation.md] {Fact}\n\nhow often does the lab password rotation happen", (string?)messages[1]!["content"]);
    }

    [Fact]
    public async Task ChatRag_Json_EachResultNamesItsSources_AsTheSchemaSays()
    {
        var (env, fleet) = await IndexedAsync();
        using var _ = env;

        var result = await AgonRunner.RunAsync(env, "chat --rag -t box/llama3.2 -p \"lab password rotation\" -o json --no-save", fleet.For);

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("chat-result", result.StdOut);
        Assert.Equal("ops/rotation.md", (string?)JsonNode.Parse(result.StdOut)!["results"]![0]!["sources"]![0]);

        var plain = await AgonRunner.RunAsync(env, "chat -t box/llama3.2 -p \"lab password rotation\" -o json --no-save", fleet.For);
        Assert.Null(JsonNode.Parse(plain.StdOut)!["results"]![0]!["sources"]);
        Assert.Equal("I do not know.", (string?)JsonNode.Parse(plain.StdOut)!["results"]![0]!["content"]);
    }

    [Theory]
    [InlineData("""{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434"}]}""", "ragIndexPath is not set; name the index file (a .jsonl name keeps agon's format, anything else is SQLite) in the configuration")]
    [InlineData("""{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434"}], "ragIndexPath": "x.db", "ragEmbeddingHost": "gone", "ragEmbeddingModel": "m"}""", "ragEmbeddingHost: no host named 'gone' (configured: box)")]
    public async Task Rag_Unconfigured_OneLine_Exit2_NothingAsked(string config, string message)
    {
        foreach (var command in new[] { "chat --rag -t box/llama3.2 -p hi --no-save", "accuracy suite.json --rag -t box/llama3.2" })
        {
            using var env = new FakeEnvironment();
            env.WriteConfig(config);
            env.WriteFile("suite.json", """{"tests": [{"id": 1, "prompt": "p", "expected_answer": 1}]}""");
            var ollama = new Ollama();

            var result = await AgonRunner.RunAsync(env, command, _ => ollama.Handler);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("error: " + message + "\n", result.StdErr);
            Assert.Empty(ollama.Chats);
        }
    }

    [Fact]
    public async Task ChatRag_NoIndexYet_SaysHowToBuildIt()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var fleet = new Fleet();

        var result = await AgonRunner.RunAsync(env, "chat --rag -t box/llama3.2 -p hi --no-save", fleet.For);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: no RAG index at {Path.Combine(env.CurrentDirectory, "corpus", "index.db")}; build it with agon rag index\n", result.StdErr);
        Assert.Empty(fleet.Ollama.Chats);
    }

    [Fact]
    public async Task AccuracyRag_OffThenOn_RecordsMarked_WithAgonsRagFields_AndTheStore()
    {
        var (env, fleet) = await IndexedAsync();
        using var _ = env;
        env.WriteFile("suite.json", """
            {"system_prompt": "Answer with a single integer.",
             "tests": [{"id": 1, "prompt": "How many days between lab password rotations?", "expected_answer": 42, "marginOfError": 0}]}
            """);
        var db = Path.Combine(env.Root, "agon.db");

        var result = await AgonRunner.RunAsync(env, $"accuracy suite.json --rag -t box/llama3.2 --json --db {db}", fleet.For);

        Assert.True(result.ExitCode == 0, result.ToString());
        var written = File.ReadAllLines(Path.Combine(env.CurrentDirectory, "accuracy", "results", "llama3.2.jsonl"));
        Assert.All(written, line => Schemas.AssertValid("accuracy-record", line));
        Schemas.AssertValid("accuracy", result.StdOut);
        var lines = written.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["off", "on"], lines.Select(l => (string?)l["rag_mode"]));
        Assert.True(lines[1]["correct"]!.GetValue<bool>(), lines[1].ToJsonString());
        Assert.Equal([false, true], lines.Select(l => (bool)l["correct"]!));
        Assert.Null(lines[0]["retrieval_ms"]);
        var on = lines[1];
        Assert.Equal((1, 1, 8, true), ((int)on["top_k"]!, (int)on["source_coverage"]!, (int)on["context_tokens"]!, (bool)on["citations_used"]!));
        Assert.True((double)on["retrieval_ms"]! >= 0);
        Assert.Equal("How many days between lab password rotations?", (string?)on["prompt"]);

        var systems = fleet.Ollama.Chats.Select(c => (string?)c["messages"]![0]!["content"]).ToList();
        Assert.Equal(["Answer with a single integer.", "Answer with a single integer.\nIf CONTEXT is provided, treat it as authoritative reference material."], systems);
        Assert.Equal(["How many days between lab password rotations?"], fleet.Embeddings.Inputs);

        var summaries = JsonNode.Parse(result.StdOut)!["results"]!.AsArray();
        Assert.Equal([("off", 0.0), ("on", 1.0)], summaries.Select(s => ((string)s!["ragMode"]!, (double)s["passAt1"]!)));
        using var database = AgonDatabase.Open(db);
        Assert.Equal(["rag-off", "rag-on"], new ResponseStore(database).Read(new ResponseFilter(), Token).Select(r => r.Phase));

        var report = await AgonRunner.RunAsync(env, $"analyze metrics --db {db} --json");
        var target = JsonNode.Parse(report.StdOut)!["targets"]![0]!;
        Assert.Equal((0.0, 0.0, 1.0), ((double)target["accuracy"]!, (double)target["accuracyRagOff"]!, (double)target["accuracyRagOn"]!));
    }

    [Fact]
    public async Task AccuracyRagMode_FromTheConfig_RunsBothPasses()
    {
        var (env, fleet) = await IndexedAsync();
        using var _ = env;
        env.WriteConfig(Config.Replace("\"ragTopK\": 1", "\"ragTopK\": 1, \"ragMode\": true", StringComparison.Ordinal));
        env.WriteFile("suite.json", """{"tests": [{"id": 1, "prompt": "rotation days?", "expected_answer": 42}]}""");

        var result = await AgonRunner.RunAsync(env, $"accuracy suite.json -t box/llama3.2 --db {Path.Combine(env.Root, "agon.db")}", fleet.For);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, fleet.Ollama.Chats.Count);
        Assert.Contains("rag", result.StdOut);
    }

    [Fact]
    public async Task InteractiveRag_EachPromptRetrieved_HistoryKeepsThePromptAlone_PaneNamesSources()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = ["fine"];
        var asked = new List<string>();
        using var session = new ChatSession(new ChatEngine(new FakeTimeProvider(AgonRunner.Now)), new ChatRequest { Prompt = "" }, [new ChatTarget(host, "a")])
        {
            Retrieve = (prompt, _) =>
            {
                asked.Add(prompt);
                return Task.FromResult<ChatContext?>(new ChatContext($"CONTEXT\n[doc:notes.md] about {prompt}", ["notes.md"]));
            },
        };

        await session.SendAsync("first");
        await session.SendAsync("second");

        Assert.Equal(["first", "second"], asked);
        var sent = host.Sent.Last().Messages;
        Assert.Equal(
            ["system:If CONTEXT is provided, treat it as authoritative reference material.", "user:first", "assistant:fine", "user:CONTEXT\n[doc:notes.md] about second\n\nsecond"],
            sent.Select(m => $"{m.Role}:{m.Text}"));
        Assert.Contains("sources: notes.md", session.Panes[0].Buffer.TextOf(StreamBlockKind.Note), StringComparison.Ordinal);
    }
}
