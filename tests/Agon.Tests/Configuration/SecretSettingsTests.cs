using Agon.Configuration;

namespace Agon.Tests.Configuration;

/// <summary>Secrets in the configuration: a key pasted where a variable name belongs, and secret-looking host parameters.</summary>
public sealed class SecretSettingsTests
{
    [Theory]
    [InlineData("sk-live-7Hq2xP9vW3mZ")]
    [InlineData("MY KEY")]
    [InlineData("9LIVES")]
    public async Task ApiKeyEnv_NotAVariableName_Refused_NeverEchoed_Exit2(string value)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig($$"""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://10.0.0.9:8080", "apiKeyEnv": "{{value}}"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hosts[0].apiKeyEnv must name an environment variable (letters, digits, underscore)", result.StdErr);
        Assert.DoesNotContain(value, result.StdErr + result.StdOut);
    }

    [Theory]
    [InlineData("show config")]
    [InlineData("show config --json")]
    public async Task ApiKeyEnv_AKeyThatPassesForAName_Unset_WarnedWithoutEchoingIt(string command)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://10.0.0.9:8080", "apiKeyEnv": "hf_AbCdEfGh1234567890"}]}""");

        var result = await AgonRunner.RunAsync(env, command);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hosts[0].apiKeyEnv: the environment variable it names is not set; requests go without an API key", result.StdErr + result.StdOut);
        Assert.DoesNotContain("hf_AbCdEfGh1234567890", result.StdErr + result.StdOut);
    }

    [Fact]
    public async Task ApiKeyEnv_UnsetVariable_NamedInTheWarning()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://10.0.0.9:8080", "apiKeyEnv": "GPU_API_KEY"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Contains("warning: ", result.StdErr);
        Assert.Contains("hosts[0].apiKeyEnv: environment variable GPU_API_KEY is not set; requests go without an API key", result.StdErr);
    }

    [Fact]
    public async Task ApiKeyEnv_VariableName_Accepted()
    {
        using var env = new FakeEnvironment();
        env.Set("GPU_API_KEY_2", "k-1b2c3d4e5f");
        env.WriteConfig("""{"hosts": [{"name": "gpu", "type": "llama.cpp", "url": "http://10.0.0.9:8080", "apiKeyEnv": "GPU_API_KEY_2"}]}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("k-1b2c3d4e5f", result.StdOut + result.StdErr);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--param temperature=0.5")]
    public async Task SecretLookingParameter_SentUnchanged_MaskedInOutput(string param)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""
            {"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"],
              "parameters": {"max_tokens": 40, "token": "tok-9d8c7b6a5f4e", "api_key": "ak-0f1e2d3c4b5a"}}]}
            """);
        var router = new ReplayHandler(RecordedExchange.Load("router-basic/11-chat")).Always("router-basic/02-props").Always("router-basic/08-models-loaded");

        var result = await AgonRunner.RunAsync(env, $"chat -p hi --no-stream -o json {param}", (HostConfig _) => router);
        var shown = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        var sent = router.Requests.Single(r => r.Path == "/v1/chat/completions").Json!;
        Assert.Equal("tok-9d8c7b6a5f4e", (string?)sent["token"]);
        Assert.Equal("ak-0f1e2d3c4b5a", (string?)sent["api_key"]);
        Assert.Matches(@"token\W+\*\*\*", shown.StdOut);
        Assert.Matches(@"api_key\W+\*\*\*", shown.StdOut);
        Assert.DoesNotContain("tok-9d8c7b6a5f4e", result.StdOut + result.StdErr + shown.StdOut + shown.StdErr);
        Assert.DoesNotContain("ak-0f1e2d3c4b5a", result.StdOut + result.StdErr + shown.StdOut + shown.StdErr);
    }
}
