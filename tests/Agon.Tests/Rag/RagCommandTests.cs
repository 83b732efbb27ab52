using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Rag;

namespace Agon.Tests.Rag;

/// <summary><c>agon rag index</c> and <c>agon rag preview</c> through the command line, against <see cref="FakeEmbeddingServer"/>.</summary>
public sealed class RagCommandTests
{
    private static string Config(string index = "corpus/index.db", string extra = "") => $$"""
        {"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}],
         "ragCorpusPath": "corpus", "ragIndexPath": "{{index}}", "ragEmbeddingHost": "lab", "ragEmbeddingModel": "toy-bert",
         "ragChunkSizeTokens": 8, "ragChunkOverlapTokens": 2{{extra}}}
        """;

    private static Task<CliResult> Run(FakeEnvironment env, FakeEmbeddingServer server, string commandLine) =>
        AgonRunner.RunAsync(env, commandLine, _ => server);

    private static JsonElement Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(result.StdOut).RootElement.Clone();
        Schemas.AssertValid(root.TryGetProperty("query", out _) ? "rag-preview" : "rag-index", result.StdOut);
        return root;
    }

    private static string Sentence(string topic, int n) => string.Join(' ', Enumerable.Range(0, n).Select(i => $"{topic}{i}"));

    [Fact]
    public async Task Reindex_ChangeOneDeleteOneAddOne_ExactlyThoseEmbedded()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/a.md", Sentence("alpha", 10));
        env.WriteFile("corpus/sub/b.md", Sentence("beta", 5));
        env.WriteFile("corpus/c.md", "gamma one. gamma two.");

        var first = Json(await Run(env, server, "rag index --json"));

        Assert.Equal((3, 3, 0), (first.GetProperty("added").GetInt32(), first.GetProperty("files").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal(4, first.GetProperty("chunksEmbedded").GetInt32()); // a: 0-7, 6-9; b; c
        Assert.Single(server.Requests); // chunks of several files share a request
        Assert.Equal(16, first.GetProperty("dimensions").GetInt32());

        server.Requests.Clear();
        env.WriteFile("corpus/sub/b.md", "beta changed");
        File.Delete(Path.Combine(env.CurrentDirectory, "corpus", "c.md"));
        env.WriteFile("corpus/d.md", "delta new");
        var second = Json(await Run(env, server, "rag index --json"));

        Assert.Equal(["beta changed", "delta new"], server.Inputs.Order());
        Assert.Equal((1, 1, 1, 1), (second.GetProperty("added").GetInt32(), second.GetProperty("changed").GetInt32(), second.GetProperty("removed").GetInt32(), second.GetProperty("unchanged").GetInt32()));
        Assert.Equal(4, second.GetProperty("chunks").GetInt32());
        using var index = RagIndex.Open(Path.Combine(env.CurrentDirectory, "corpus", "index.db"), create: false);
        Assert.Equal(["a.md", "d.md", "sub/b.md"], index.Documents.Keys.Order());
        Assert.Equal(new RagIndexMeta("toy-bert", "lab", 16, 8, 2), index.Meta);

        server.Requests.Clear();
        var third = Json(await Run(env, server, "rag index --json"));
        Assert.Empty(server.Requests);
        Assert.Equal(3, third.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Walk_SkipsHiddenFoldersTheIndexExcludedAndOtherExtensions()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config(extra: """, "ragAllowedExtensions": ["md", ".TXT"], "ragExcludeGlobs": ["drafts", "**/secret/**"]"""));
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/keep.md", "kept words");
        env.WriteFile("corpus/notes/also.txt", "also kept");
        env.WriteFile("corpus/.git/HEAD.md", "hidden folder");
        env.WriteFile("corpus/.hidden.md", "hidden file");
        env.WriteFile("corpus/drafts/x.md", "excluded folder");
        env.WriteFile("corpus/a/secret/y.md", "excluded deep");
        env.WriteFile("corpus/image.png", "other extension");
        env.WriteFile("corpus/index.db.md", "beside the index, still its name");

        var first = Json(await Run(env, server, "rag index --json"));
        var second = Json(await Run(env, server, "rag index --json"));

        Assert.Equal(["also kept", "kept words"], server.Inputs.Order());
        Assert.Equal(2, first.GetProperty("files").GetInt32());
        Assert.Equal((2, 0), (second.GetProperty("unchanged").GetInt32(), second.GetProperty("chunksEmbedded").GetInt32()));
    }

    [Fact]
    public async Task BinaryFile_LeftOutWithAWarning()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());
        env.WriteFile("corpus/text.md", "words");
        File.WriteAllBytes(Path.Combine(env.CurrentDirectory, "corpus", "blob.md"), [0x41, 0x00, 0x42]);

        var result = await Run(env, new FakeEmbeddingServer(), "rag index");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: blob.md: not text (a NUL byte); left out", result.StdErr);
        Assert.Contains("files: 1 (1 added, 0 changed, 0 removed, 0 unchanged)", result.StdOut);
    }

    [Fact]
    public async Task OtherModel_RefusedSaysRebuild_RebuildEmbedsEverything()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/a.md", "some words");
        Json(await Run(env, server, "rag index --json"));
        env.WriteConfig(Config().Replace("\"toy-bert\"", "\"other-embed\"", StringComparison.Ordinal));
        server.Requests.Clear();

        var refused = await Run(env, server, "rag index");
        var rebuilt = Json(await Run(env, server, "rag index --rebuild --json"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: the RAG index {Path.Combine(env.CurrentDirectory, "corpus", "index.db")} holds vectors from toy-bert (16 dimensions); indexing with other-embed needs a new index: run agon rag index --rebuild\n", refused.StdErr);
        Assert.Equal(["some words"], server.Inputs);
        Assert.True(rebuilt.GetProperty("rebuilt").GetBoolean());
        Assert.Equal("other-embed", rebuilt.GetProperty("embeddingModel").GetString());
    }

    [Fact]
    public async Task OtherDimension_SameModelName_RefusedSaysRebuild()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/a.md", "some words");
        Json(await Run(env, server, "rag index --json"));
        server.Dimensions = 8;
        env.WriteFile("corpus/a.md", "changed words");

        var refused = await Run(env, server, "rag index");

        Assert.Equal(2, refused.ExitCode);
        Assert.EndsWith("holds vectors of 16 dimensions; toy-bert on host lab gives 8: run agon rag index --rebuild\n", refused.StdErr);
        using var index = RagIndex.Open(Path.Combine(env.CurrentDirectory, "corpus", "index.db"), create: false);
        Assert.Equal(16, index.Meta!.Dimensions);
    }

    [Fact]
    public async Task ChunkingChanged_EveryFileEmbeddedAgain()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/a.md", Sentence("w", 12));
        Json(await Run(env, server, "rag index --json"));
        env.WriteConfig(Config().Replace("\"ragChunkSizeTokens\": 8", "\"ragChunkSizeTokens\": 20", StringComparison.Ordinal));
        server.Requests.Clear();

        var second = Json(await Run(env, server, "rag index --json"));

        Assert.Equal([Sentence("w", 12)], server.Inputs);
        Assert.Equal(1, second.GetProperty("chunks").GetInt32());
    }

    [Fact]
    public async Task Jsonl_AgonFieldsWritten_ReadBack_Unchanged_PreviewWorks()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config(index: "corpus/index.jsonl", extra: """, "ragAllowedExtensions": [".md", ".jsonl"]"""));
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/facts/a.md", "cats purr softly");
        env.WriteFile("corpus/other/a.md", "markets fell hard");

        Json(await Run(env, server, "rag index --json"));
        server.Requests.Clear();
        var again = Json(await Run(env, server, "rag index --json"));
        var preview = Json(await Run(env, server, "rag preview cats purr --json"));

        var lines = File.ReadAllLines(Path.Combine(env.CurrentDirectory, "corpus", "index.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["facts/a.md:0", "other/a.md:0"], lines.Select(l => (string?)l["chunk_id"]));
        Assert.Equal(["chunk_id", "doc", "offset", "text", "embedding", "token_count", "sha256", "embedding_model"], lines[0].Select(p => p.Key));
        Assert.Equal(("facts/a.md", 0, "cats purr softly", 3, 16), ((string?)lines[0]["doc"], (int)lines[0]["offset"]!, (string?)lines[0]["text"], (int)lines[0]["token_count"]!, lines[0]["embedding"]!.AsArray().Count));
        Assert.Empty(server.Requests.Skip(1)); // the second index asked nothing; the preview embedded its query only
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        Assert.Equal("facts/a.md", preview.GetProperty("chunks")[0].GetProperty("doc").GetString());
        Assert.Equal("jsonl", preview.GetProperty("settings").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Jsonl_WrittenByAgon_Read_ThenEveryDocumentEmbeddedAgain()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config(index: "index.jsonl"));
        var server = new FakeEmbeddingServer();
        var cats = string.Join(',', FakeEmbeddingServer.Vector("cats purr softly", 16));
        var markets = string.Join(',', FakeEmbeddingServer.Vector("markets fell hard", 16));
        env.WriteFile("index.jsonl", $$"""
            {"chunk_id":"a.md:0","doc":"a.md","offset":0,"text":"cats purr softly","embedding":[{{cats}}],"token_count":3}
            {"chunk_id":"b.md:0","doc":"b.md","offset":0,"text":"markets fell hard","embedding":[{{markets}}],"token_count":3}

            """);
        env.WriteFile("corpus/a.md", "cats purr softly");

        var preview = Json(await Run(env, server, "rag preview markets fell --json"));
        server.Requests.Clear();
        var indexed = Json(await Run(env, server, "rag index --json"));

        Assert.Equal(["b.md", "a.md"], preview.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("doc").GetString()));
        Assert.Equal(["cats purr softly"], server.Inputs);
        Assert.Equal((1, 1), (indexed.GetProperty("changed").GetInt32(), indexed.GetProperty("removed").GetInt32()));
    }

    [Fact]
    public async Task Preview_Text_SettingsChunksThenTheContextBlock()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config(extra: """, "ragTopK": 2, "ragContextTokenLimit": 5"""));
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/pets.md", "the cat sat on the mat.");
        env.WriteFile("corpus/money.md", "stock markets fell today.");
        env.WriteFile("corpus/sky.md", "rain and clouds.");
        Json(await Run(env, server, "rag index --json"));

        var result = await Run(env, server, "rag preview the cat");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("retrieval   top 2, cosine, context limit 5 words", result.StdOut);
        Assert.Matches(@"1\. score \d\.\d{4}  pets\.md  offset 0  6 words\n   the cat sat on the mat\.\n", result.StdOut);
        Assert.Contains("\nCONTEXT\n[doc:pets.md] the cat sat on the\n\ncontext_tokens 5, source_coverage 1\n", result.StdOut);
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task Preview_Json_ChunksBestFirst_DotSimilarity()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config(extra: """, "ragSimilarity": "dot" """));
        var server = new FakeEmbeddingServer();
        env.WriteFile("corpus/pets.md", "cat cat cat");
        env.WriteFile("corpus/one.md", "cat dog");
        env.WriteFile("corpus/none.md", "rain");
        Json(await Run(env, server, "rag index --json"));

        var preview = Json(await Run(env, server, "rag preview cat --json"));

        var chunks = preview.GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal(["pets.md", "one.md", "none.md"], chunks.Select(c => c.GetProperty("doc").GetString()));
        Assert.Equal(3.0, chunks[0].GetProperty("score").GetDouble());
        Assert.Equal("dot", preview.GetProperty("settings").GetProperty("similarity").GetString());
        Assert.Equal(3, preview.GetProperty("sourceCoverage").GetInt32());
        Assert.StartsWith("CONTEXT\n[doc:pets.md] cat cat cat\n[doc:one.md] cat dog", preview.GetProperty("context").GetString());
    }

    [Theory]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}]}""", "rag index", "error: ragIndexPath is not set; name the index file (a .jsonl name keeps agon's format, anything else is SQLite) in the configuration")]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragIndexPath": "i.db"}""", "rag index", "error: ragCorpusPath is not set; name the folder to index in the configuration")]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragIndexPath": "i.db"}""", "rag preview x", "error: ragEmbeddingHost is not set; name the host that serves ragEmbeddingModel in the configuration")]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragIndexPath": "i.db", "ragEmbeddingHost": "nope"}""", "rag preview x", "error: ragEmbeddingHost: no host named 'nope' (configured: lab)")]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragIndexPath": "i.db", "ragEmbeddingHost": "lab"}""", "rag preview x", "error: ragEmbeddingModel is not set; name the embedding model host lab serves in the configuration")]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragIndexPath": "i.db", "ragEmbeddingHost": "lab", "ragEmbeddingModel": "m", "ragChunkSizeTokens": 10, "ragChunkOverlapTokens": 10}""", "rag preview x", "error: ragChunkOverlapTokens (10) must be less than ragChunkSizeTokens (10)")]
    [InlineData("""{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://10.0.0.9:8080"}], "ragIndexPath": "i.db", "ragCorpusPath": "missing", "ragEmbeddingHost": "lab", "ragEmbeddingModel": "m"}""", "rag index", "error: ragCorpusPath: the folder {cwd}/missing does not exist")]
    public async Task BadSettings_OneLine_Exit2(string config, string commandLine, string expected)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(config);

        var result = await Run(env, new FakeEmbeddingServer(), commandLine);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected.Replace("{cwd}", env.CurrentDirectory, StringComparison.Ordinal) + "\n", result.StdErr);
    }

    [Fact]
    public async Task Preview_NoIndexYet_SaysBuildIt_Exit1()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());

        var result = await Run(env, new FakeEmbeddingServer(), "rag preview anything");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: no RAG index at {Path.Combine(env.CurrentDirectory, "corpus", "index.db")}; build it with agon rag index\n", result.StdErr);
    }

    [Fact]
    public async Task Index_NotAnIndexFile_OneLine_Exit1()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config(index: "notes.txt"));
        env.WriteFile("notes.txt", "this is not a database, just a long enough text file to be read as one by sqlite");
        env.WriteFile("corpus/a.md", "x");

        var result = await Run(env, new FakeEmbeddingServer(), "rag index");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: the RAG index {Path.Combine(env.CurrentDirectory, "notes.txt")}: file is not a database\n", result.StdErr);
    }

    [Fact]
    public async Task Index_ServerWithoutEmbeddings_HostErrorLine_Exit1()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config());
        env.WriteFile("corpus/a.md", "x");

        var result = await AgonRunner.RunAsync(env, "rag index", _ => new ReplayHandler(RecordedExchange.Load("embeddings/04-v1-embeddings-not-enabled")));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: toy-bert on host lab: this server does not compute embeddings; start llama-server with --embeddings\n", result.StdErr);
    }
}
