using System.Text.Json;

namespace Agon.Tests.Cli;

/// <summary><c>show config</c>: secrets never shown, <c>--json</c> output stays pure.</summary>
public sealed class ShowConfigTests
{
    private const string Secret = "sk-live-4f9a8b7c6d5e";

    [Fact]
    public async Task ApiKeyFromEnvironment_ShownAsStars_InTextAndJson()
    {
        using var env = new FakeEnvironment();
        env.Set("GPU_KEY", Secret);
        env.WriteConfig("""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://h:8080", "apiKeyEnv": "GPU_KEY", "parameters": {"api_key": "inline-secret-value"}}]}""");

        var text = await AgonRunner.RunAsync(env, "show config");
        var json = await AgonRunner.RunAsync(env, "show config --json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("apiKey: *** (environment GPU_KEY)", text.StdOut);
        foreach (var output in new[] { text.StdOut, text.StdErr, json.StdOut, json.StdErr })
        {
            Assert.DoesNotContain(Secret, output);
            Assert.DoesNotContain("inline-secret-value", output);
        }

        using var document = JsonDocument.Parse(json.StdOut);
        var host = document.RootElement.GetProperty("hosts")[0];
        Assert.Equal("***", host.GetProperty("apiKey").GetString());
        Assert.Equal("environment GPU_KEY", host.GetProperty("apiKeySource").GetString());
        Assert.Equal("***", host.GetProperty("parameters").GetProperty("api_key").GetString());
    }

    [Fact]
    public async Task ApiKeyFromFile_ShownAsStars()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("secrets/gpu.key", Secret + "\n");
        env.WriteConfig("""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://h:8080", "apiKeyFile": "secrets/gpu.key"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Contains("apiKey: *** (file secrets/gpu.key)", result.StdOut);
        Assert.DoesNotContain(Secret, result.StdOut);
    }

    [Fact]
    public async Task MissingKeyVariable_Warning()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://h:8080", "apiKeyEnv": "UNSET_KEY"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hosts[0].apiKeyEnv: environment variable UNSET_KEY is not set", result.StdErr);
    }

    [Fact]
    public async Task Json_StdoutParses_EvenWithWarnings()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"tmeout": 5, "hosts": [{"name": "a", "url": "http://h:11434", "systemprompt": "Say [bold]hi[/]"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config --json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning:", result.StdErr);
        using var document = JsonDocument.Parse(result.StdOut);
        Assert.Equal(2, document.RootElement.GetProperty("warnings").GetArrayLength());
        Assert.Equal("Say [bold]hi[/]", document.RootElement.GetProperty("hosts")[0].GetProperty("systemprompt").GetString());
    }

    [Fact]
    public async Task Text_NamesFileAndSources()
    {
        using var env = new FakeEnvironment();
        var path = env.WriteConfig("""{"timeout": 12, "hosts": [{"name": "box", "type": "ollama", "url": "http://10.1.1.1:11434", "models": ["qwen3:1.7b"]}]}""");

        var result = await AgonRunner.RunAsync(env, "show config --debug");

        Assert.Contains($"Configuration file: {path} (found by ./config/config.json)", result.StdOut);
        Assert.Matches(@"timeout\s+12\s+file ", result.StdOut);
        Assert.Matches(@"debug\s+true\s+flag --debug", result.StdOut);
        Assert.Contains("box  ollama  http://10.1.1.1:11434/", result.StdOut);
        Assert.Contains("models: qwen3:1.7b", result.StdOut);
    }
}
