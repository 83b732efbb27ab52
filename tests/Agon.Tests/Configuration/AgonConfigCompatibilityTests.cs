using System.Text.Json;
using Agon.Configuration;

namespace Agon.Tests.Configuration;

/// <summary>Configs written the way agon users write them load unchanged, in every mode.</summary>
public sealed class AgonConfigCompatibilityTests
{
    private const string SingleModelOllama = """
        {
          "hosts": [
            {
              "name": "Ollama01",
              "url": "http://192.168.0.10:11434",
              "type": "ollama",
              "models": ["qwen3:1.7b", "llama3.2:1b"],
              "systemprompt": "You are concise.",
              "parameters": {"temperature": 0.7, "top_k": 40, "top_p": 0.9, "min_p": 0.05, "typical_p": 1.0,
                             "repeat_last_n": 64, "repeat_penalty": 1.1, "presence_penalty": 0.0, "frequency_penalty": 0.0,
                             "seed": 42, "num_predict": 256, "stop": ["</s>"], "num_ctx": 4096, "tfs_z": 1.0}
            }
          ],
          "timeout": 300,
          "debug": false,
          "logFile": "agon.log",
          "metrics": true
        }
        """;

    private const string MultimodelLlamaCpp = """
        {
          "hosts": [
            {"name": "router", "url": "http://10.0.0.5:8080", "type": "llama.cpp", "models": ["stories260K", "tiny"]},
            {"name": "pi", "url": "http://10.0.0.6:8080", "type": "llamacpp", "models": ["qwen3-0.6b"], "systemPrompt": "Be brief."}
          ],
          "multimodelMode": true,
          "jsonMode": true
        }
        """;

    private const string Pipeline = """
        {
          "hosts": [
            {"name": "s1", "url": "http://h1:11434", "type": "ollama", "models": ["a"]},
            {"name": "s2", "url": "http://h2:11434", "type": "ollama", "models": ["b"]},
            {"name": "s3", "url": "http://h3:8080", "type": "llama.cpp", "models": ["c"]},
            {"name": "s4", "url": "http://h4:8080", "type": "llama.cpp", "models": ["d"]}
          ],
          "pipelineMode": true,
          "export": "out/pipeline.json",
          "exportMarkdown": "out/pipeline.md"
        }
        """;

    private const string McpBenchmarkRag = """
        {
          "hosts": [{"name": "gpu", "url": "https://gpu.lan/llama/", "type": "llama.cpp", "models": ["m"]}],
          "mcpMode": true, "mcpBinary": "dist/agon-mcp", "mcpInitTimeout": 20, "mcpRetryCount": 2,
          "benchmarkMode": true, "benchmarkCount": 5, "accuracyMode": true,
          "ragMode": true, "ragCorpusPath": "rag/corpus", "ragIndexPath": "rag/index.jsonl",
          "ragEmbeddingModel": "nomic-embed-text", "ragEmbeddingHost": "gpu",
          "ragChunkSizeTokens": 200, "ragChunkOverlapTokens": 20, "ragTopK": 6, "ragContextTokenLimit": 1200,
          "ragSimilarity": "cosine", "ragAllowedExtensions": [".md", ".txt"], "ragExcludeGlobs": ["**/drafts/**"]
        }
        """;

    [Fact]
    public void SingleModelOllama_EveryParameterRead()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(SingleModelOllama);

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Empty(config.Warnings);
        var host = Assert.Single(config.Hosts);
        Assert.Equal("Ollama01", host.Name);
        Assert.Equal(HostType.Ollama, host.Type);
        Assert.Equal(new Uri("http://192.168.0.10:11434/"), host.Url);
        Assert.Equal(["qwen3:1.7b", "llama3.2:1b"], host.Models);
        Assert.Equal("You are concise.", host.SystemPrompt);
        var p = host.Parameters;
        Assert.Equal(0.7, p.Temperature);
        Assert.Equal(40, p.TopK);
        Assert.Equal(0.9, p.TopP);
        Assert.Equal(0.05, p.MinP);
        Assert.Equal(1.0, p.TypicalP);
        Assert.Equal(64, p.RepeatLastN);
        Assert.Equal(1.1, p.RepeatPenalty);
        Assert.Equal(0.0, p.PresencePenalty);
        Assert.Equal(0.0, p.FrequencyPenalty);
        Assert.Equal(42L, p.Seed);
        Assert.Equal(256, p.MaxTokens);
        Assert.Equal(["</s>"], p.Stop!);
        Assert.Equal(4096, p.NumCtx);
        Assert.Equal("1.0", p.Extra["tfs_z"].GetRawText());
        Assert.Equal(TimeSpan.FromSeconds(300), config.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(300), host.Timeout);
        Assert.True(config.Metrics);
        Assert.Equal("agon.log", config.LogFile);
    }

    [Fact]
    public void MultimodelLlamaCpp_BothTypeSpellingsAndSystemPromptCase()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(MultimodelLlamaCpp);

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.True(config.MultimodelMode);
        Assert.True(config.JsonMode);
        Assert.All(config.Hosts, h => Assert.Equal(HostType.LlamaCpp, h.Type));
        Assert.Equal("Be brief.", config.Hosts[1].SystemPrompt);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Pipeline_ExportPathsRead()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Pipeline);

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.True(config.PipelineMode);
        Assert.Equal(4, config.Hosts.Count);
        Assert.Equal("out/pipeline.json", config.Export);
        Assert.Equal("out/pipeline.md", config.ExportMarkdown);
    }

    [Fact]
    public void McpBenchmarkRag_EveryGlobalKeyRead()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(McpBenchmarkRag);

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Empty(config.Warnings);
        Assert.True(config.McpMode);
        Assert.Equal("dist/agon-mcp", config.McpBinary);
        Assert.Equal(20, config.McpInitTimeout);
        Assert.Equal(2, config.McpRetryCount);
        Assert.True(config.BenchmarkMode);
        Assert.Equal(5, config.BenchmarkCount);
        Assert.True(config.AccuracyMode);
        var rag = config.Rag;
        Assert.True(rag.Enabled);
        Assert.Equal("rag/corpus", rag.CorpusPath);
        Assert.Equal("rag/index.jsonl", rag.IndexPath);
        Assert.Equal("nomic-embed-text", rag.EmbeddingModel);
        Assert.Equal("gpu", rag.EmbeddingHost);
        Assert.Equal(200, rag.ChunkSizeTokens);
        Assert.Equal(20, rag.ChunkOverlapTokens);
        Assert.Equal(6, rag.TopK);
        Assert.Equal(1200, rag.ContextTokenLimit);
        Assert.Equal("cosine", rag.Similarity);
        Assert.Equal([".md", ".txt"], rag.AllowedExtensions);
        Assert.Equal(["**/drafts/**"], rag.ExcludeGlobs);
        Assert.Equal(new Uri("https://gpu.lan/llama/"), config.Hosts[0].Url);
    }

    [Fact]
    public void MaxTokensSpelling_ReadLikeNumPredict()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "a", "type": "llama.cpp", "url": "http://h:8080", "parameters": {"max_tokens": 77, "stop": "END"}}]}""");

        var host = new ConfigLoader(env).Load(ConfigOverrides.None).Hosts[0];

        Assert.Equal(77, host.Parameters.MaxTokens);
        Assert.Equal(["END"], host.Parameters.Stop!);
    }

    [Fact]
    public void MissingType_AssumesOllamaWithWarning()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "old", "url": "http://h:11434", "models": ["m"]}]}""");

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Equal(HostType.Ollama, config.Hosts[0].Type);
        Assert.Contains(config.Warnings, w => w.Contains("hosts[0].type: missing; assuming \"ollama\"", StringComparison.Ordinal));
    }

    [Fact]
    public void CommentsAndTrailingCommas_Accepted()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""
            {
              // my lab
              "timeout": 60,
              "hosts": [{"name": "a", "type": "ollama", "url": "http://h:11434",},],
            }
            """);

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Equal(TimeSpan.FromSeconds(60), config.Timeout);
    }

    [Fact]
    public void NoFile_BuiltInEmbeddedHostLocal()
    {
        using var env = new FakeEnvironment();

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Null(config.FilePath);
        var host = Assert.Single(config.Hosts);
        Assert.Equal("local", host.Name);
        Assert.Equal(HostType.Embedded, host.Type);
        Assert.True(host.IsBuiltIn);
        Assert.Equal([Path.Combine(env.CurrentDirectory, "models")], host.ModelsDirs);
    }

    [Fact]
    public void EmbeddedThreads_ReadFromTheHost_UnsetElsewhere()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "a", "type": "embedded", "threads": 3}, {"name": "b", "type": "embedded"}]}""");

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Equal(3, config.Hosts[0].Threads);
        Assert.Null(config.Hosts[1].Threads);
    }

    [Fact]
    public void HostTimeout_OverridesGlobal()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"timeout": 100, "hosts": [{"name": "a", "type": "ollama", "url": "http://h:11434", "timeout": 7}, {"name": "b", "type": "ollama", "url": "http://h:11434"}]}""");

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Equal(TimeSpan.FromSeconds(7), config.Hosts[0].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), config.Hosts[1].Timeout);
    }

    [Fact]
    public void ExampleConfigs_AllLoadWithoutWarnings()
    {
        var examples = Path.Combine(RepositoryRoot(), "config", "examples");
        var files = Directory.GetFiles(examples, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var env = new FakeEnvironment();
            env.Set("GPU_API_KEY", "example-key-value");
            var config = new ConfigLoader(env).Load(new ConfigOverrides { ConfigPath = file });
            Assert.True(config.Warnings.Count == 0, $"{file}: {string.Join("; ", config.Warnings)}");
            using var document = JsonDocument.Parse(File.ReadAllText(file));
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Agon.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
