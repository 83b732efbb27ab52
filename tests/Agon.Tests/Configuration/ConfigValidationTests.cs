namespace Agon.Tests.Configuration;

/// <summary>Every validation message of the configuration, with its exit code, as a user meets it.</summary>
public sealed class ConfigValidationTests
{
    [Fact]
    public async Task SyntaxError_NamesFileLineAndColumn_Exit2()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("bad.json", "{\n  \"timeout\": 30,\n  \"hosts\" [\n]}");

        var result = await AgonRunner.RunAsync(env, "show config -c bad.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: bad.json:3:11: invalid JSON:", result.StdErr);
        Assert.Empty(result.StdOut);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task WrongType_NamesKeyPath()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""
            {"hosts": [
              {"name": "a", "type": "ollama", "url": "http://127.0.0.1:11434"},
              {"name": "b", "type": "llama.cpp", "url": "http://127.0.0.1:8080", "parameters": {"top_k": "forty"}}
            ]}
            """);

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hosts[1].parameters.top_k: expected a number, got \"forty\"", result.StdErr);
    }

    [Theory]
    [InlineData("""{"timeout": "soon"}""", "timeout: expected a number, got \"soon\"")]
    [InlineData("""{"timeout": 0}""", "timeout: must be at least 1, got 0")]
    [InlineData("""{"debug": "yes"}""", "debug: expected true or false, got \"yes\"")]
    [InlineData("""{"ragSimilarity": "euclid"}""", "ragSimilarity: expected cosine or dot, got \"euclid\"")]
    [InlineData("""{"ragTopK": 0}""", "ragTopK: must be at least 1, got 0")]
    [InlineData("""{"hosts": {}}""", "hosts: expected an array of hosts, got an object")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama", "url": "http://h:1", "models": "qwen3"}]}""", "hosts[0].models: expected an array of strings, got \"qwen3\"")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama", "url": "http://h:1", "parameters": {"temperature": true}}]}""", "hosts[0].parameters.temperature: expected a number, got true")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama", "url": "http://h:1", "parameters": {"seed": 1.5}}]}""", "hosts[0].parameters.seed: expected a whole number, got 1.5")]
    [InlineData("""{"hosts": [{"type": "ollama", "url": "http://h:1"}]}""", "hosts[0].name: required")]
    [InlineData("""{"hosts": [{"name": "gpu/1", "type": "ollama", "url": "http://h:1"}]}""", "hosts[0].name: \"gpu/1\" must not contain '/'")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama"}]}""", "hosts[0].url: required for a ollama host")]
    [InlineData("""{"hosts": [{"name": "a", "type": "embedded", "modelsMax": 0}]}""", "hosts[0].modelsMax: must be at least 1, got 0")]
    [InlineData("""{"hosts": [{"name": "a", "type": "embedded", "threads": 0}]}""", "hosts[0].threads: must be at least 1, got 0")]
    [InlineData("""{"hosts": [{"name": "a", "type": "embedded", "threads": "two"}]}""", "hosts[0].threads: expected a number, got \"two\"")]
    [InlineData("""[1, 2]""", "expected a JSON object at the top level, got an array")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama", "url": "http://h:1", "keepAlive": true}]}""", "hosts[0].keepAlive: expected a duration such as \"10m\" or a number of seconds, got true")]
    [InlineData("""{"hosts": [{"name": "a", "type": "embedded", "modelsDir": 5}]}""", "hosts[0].modelsDir: expected a string or an array of strings, got 5")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama", "url": "http://h:1", "timeout": -3}]}""", "hosts[0].timeout: must be at least 1, got -3")]
    [InlineData("""{"hosts": [{"name": "a", "type": "ollama", "url": "http://h:1", "parameters": {"stop": [1]}}]}""", "hosts[0].parameters.stop[0]: expected a string, got 1")]
    [InlineData("""{"ragAllowedExtensions": ".md"}""", "ragAllowedExtensions: expected an array of strings, got \".md\"")]
    public async Task InvalidValue_PreciseMessage_Exit2(string json, string expected)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(json);

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task UnknownHostType_ListsValidTypes()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "a", "type": "vllm", "url": "http://h:8000"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hosts[0].type: unknown host type \"vllm\" (valid: llama.cpp, llamacpp, ollama, embedded)", result.StdErr);
    }

    [Fact]
    public async Task DuplicateHostNames_Rejected()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""
            {"hosts": [
              {"name": "gpu", "type": "ollama", "url": "http://h:11434"},
              {"name": "GPU", "type": "llama.cpp", "url": "http://h:8080"}
            ]}
            """);

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hosts[1].name: duplicate host name \"GPU\" (also hosts[0])", result.StdErr);
    }

    [Theory]
    [InlineData("localhost:8080")]
    [InlineData("ftp://h/x")]
    [InlineData("/models")]
    [InlineData("http//h:8080")]
    public async Task NonHttpUrl_Rejected(string url)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig($$"""{"hosts": [{"name": "a", "type": "llama.cpp", "url": "{{url}}"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"hosts[0].url: \"{url}\" is not an absolute http(s) URL", result.StdErr);
    }

    [Fact]
    public async Task MultimodelAndPipelineInFile_Rejected()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"multimodelMode": true, "pipelineMode": true}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("multimodelMode (file", result.StdErr);
        Assert.Contains("cannot both be on", result.StdErr);
    }

    [Fact]
    public async Task MultimodelFlagWithPipelineFile_RejectedNamingTheFlag()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"pipelineMode": true}""");

        var result = await AgonRunner.RunAsync(env, "show config --multimodel-mode");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("multimodelMode (flag --multimodel-mode) and pipelineMode (file", result.StdErr);
    }

    [Fact]
    public async Task SeveralProblems_AllReported()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"timeout": "x", "hosts": [{"name": "a", "type": "nope", "url": "http://h:1"}, {"name": "b", "type": "ollama", "url": "h"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task AnErrorAndAMistypedKey_BothShown_TheWarningFirst()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"timout": 5, "metrics": "yes"}""");

        var result = await AgonRunner.RunAsync(env, "list hosts");

        Assert.Equal(2, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("warning: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("timout: unknown key, ignored (did you mean 'timeout'?)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error: ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("metrics: expected true or false, got \"yes\"", lines[1], StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task UnknownKeys_WarnWithSuggestion_NotFatal()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""
            {"tmeout": 30, "jsonmode": true,
             "hosts": [{"name": "a", "type": "ollama", "url": "http://h:11434", "modells": ["x"],
                        "parameters": {"temprature": 0.5, "mirostat": 2}}]}
            """);

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: ", result.StdErr);
        Assert.Contains("tmeout: unknown key, ignored (did you mean 'timeout'?)", result.StdErr);
        Assert.Contains("hosts[0].modells: unknown key, ignored (did you mean 'models'?)", result.StdErr);
        Assert.Contains("hosts[0].parameters.temprature: not a known parameter; passed to the backend as written (did you mean 'temperature'?)", result.StdErr);
        Assert.DoesNotContain("mirostat", result.StdErr);
        Assert.Matches(@"jsonMode\s+true\s+file", result.StdOut);
    }

    [Fact]
    public async Task ExplicitConfigMissing_Exit2()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "show config --config nowhere.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: config file 'nowhere.json' (given with --config) does not exist", result.StdErr.Trim());
    }

    [Fact]
    public async Task AgonConfigVariableMissingFile_Exit2()
    {
        using var env = new FakeEnvironment();
        env.Set("AGON_CONFIG", "/nonexistent/agon.json");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'/nonexistent/agon.json' (named by AGON_CONFIG) does not exist", result.StdErr);
    }

    [Fact]
    public async Task BadEnvironmentValue_Exit2()
    {
        using var env = new FakeEnvironment();
        env.Set("AGON_TIMEOUT", "ten");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable AGON_TIMEOUT: expected a whole number of at least 1, got \"ten\"", result.StdErr);
    }

    [Fact]
    public async Task BadEnvironmentChoice_Exit2()
    {
        using var env = new FakeEnvironment();
        env.Set("AGON_RAG_SIMILARITY", "manhattan");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable AGON_RAG_SIMILARITY: expected cosine or dot, got \"manhattan\"", result.StdErr);
    }

    [Fact]
    public async Task SimilarityChoice_IgnoresCase()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"ragSimilarity": "DOT"}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task BadFlagValue_UsageError_Exit2()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "show config --timeout 0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--timeout must be at least 1", result.StdErr);
    }

    [Fact]
    public async Task ApiKeyFileMissingOrEmpty_Rejected()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("empty.key", "  \n");
        env.WriteConfig("""
            {"hosts": [
              {"name": "a", "type": "llama.cpp", "url": "http://h:8080", "apiKeyFile": "missing.key"},
              {"name": "b", "type": "llama.cpp", "url": "http://h:8081", "apiKeyFile": "empty.key"}
            ]}
            """);

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hosts[0].apiKeyFile: cannot read 'missing.key':", result.StdErr);
        Assert.Contains("hosts[1].apiKeyFile: 'empty.key' is empty", result.StdErr);
    }

    [Fact]
    public async Task ApiKeyEnvAndFileBoth_Rejected()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("key.txt", "abcdef");
        env.WriteConfig("""{"hosts": [{"name": "a", "type": "llama.cpp", "url": "http://h:8080", "apiKeyEnv": "K", "apiKeyFile": "key.txt"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hosts[0].apiKeyFile: set either apiKeyEnv or apiKeyFile, not both", result.StdErr);
    }
}
