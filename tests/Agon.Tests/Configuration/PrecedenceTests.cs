using System.Text.Json;

namespace Agon.Tests.Configuration;

/// <summary>Flags beat the environment, which beats the file, which beats the defaults; the file lookup order.</summary>
public sealed class PrecedenceTests
{
    private static async Task<JsonElement> SettingAsync(FakeEnvironment env, string args, string key)
    {
        var result = await AgonRunner.RunAsync(env, "show config --json " + args);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.StdOut);
        return document.RootElement.GetProperty("settings").GetProperty(key).Clone();
    }

    [Fact]
    public async Task Timeout_DefaultFileEnvironmentFlag()
    {
        using var env = new FakeEnvironment();
        var noFile = await SettingAsync(env, "", "timeout");
        Assert.Equal(600, noFile.GetProperty("value").GetInt32());
        Assert.Equal("default", noFile.GetProperty("source").GetString());

        env.WriteConfig("""{"timeout": 100}""");
        var file = await SettingAsync(env, "", "timeout");
        Assert.Equal(100, file.GetProperty("value").GetInt32());
        Assert.Equal("file", file.GetProperty("source").GetString());

        env.Set("AGON_TIMEOUT", "200");
        var environment = await SettingAsync(env, "", "timeout");
        Assert.Equal(200, environment.GetProperty("value").GetInt32());
        Assert.Equal("environment", environment.GetProperty("source").GetString());
        Assert.Equal("AGON_TIMEOUT", environment.GetProperty("from").GetString());

        var flag = await SettingAsync(env, "--timeout 30", "timeout");
        Assert.Equal(30, flag.GetProperty("value").GetInt32());
        Assert.Equal("flag", flag.GetProperty("source").GetString());
        Assert.Equal("--timeout", flag.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("--jsonMode", "jsonMode")]
    [InlineData("--json-mode", "jsonMode")]
    [InlineData("--debug", "debug")]
    [InlineData("--mcpMode", "mcpMode")]
    [InlineData("--mcp-mode", "mcpMode")]
    [InlineData("--pipelineMode", "pipelineMode")]
    [InlineData("--multimodel-mode", "multimodelMode")]
    public async Task BooleanFlag_BothSpellings_OverrideFile(string flag, string key)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig($$"""{"{{key}}": false}""");

        var setting = await SettingAsync(env, flag, key);

        Assert.True(setting.GetProperty("value").GetBoolean());
        Assert.Equal(flag, setting.GetProperty("from").GetString());
    }

    [Fact]
    public async Task BooleanFlag_ExplicitFalse_OverridesFileTrue()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"jsonMode": true}""");

        var setting = await SettingAsync(env, "--jsonMode false", "jsonMode");

        Assert.False(setting.GetProperty("value").GetBoolean());
        Assert.Equal("flag", setting.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("--mcpBinary /opt/mcp", "mcpBinary", "/opt/mcp")]
    [InlineData("--mcp-binary /opt/mcp", "mcpBinary", "/opt/mcp")]
    [InlineData("--logFile x.log", "logFile", "x.log")]
    [InlineData("--log-file x.log", "logFile", "x.log")]
    [InlineData("--export p.json", "export", "p.json")]
    [InlineData("--exportMarkdown p.md", "exportMarkdown", "p.md")]
    [InlineData("--export-markdown p.md", "exportMarkdown", "p.md")]
    public async Task StringFlag_BothSpellings(string args, string key, string expected)
    {
        using var env = new FakeEnvironment();

        var setting = await SettingAsync(env, args, key);

        Assert.Equal(expected, setting.GetProperty("value").GetString());
    }

    [Fact]
    public async Task McpInitTimeoutFlag_KebabSpelling()
    {
        using var env = new FakeEnvironment();

        var setting = await SettingAsync(env, "--mcp-init-timeout 15", "mcpInitTimeout");

        Assert.Equal(15, setting.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task FlagAfterOrBeforeCommand_BothWork()
    {
        using var env = new FakeEnvironment();

        var before = await AgonRunner.RunAsync(env, "--timeout 45 show config --json");
        var after = await AgonRunner.RunAsync(env, "show config --json --timeout 45");

        Assert.Contains("\"value\": 45", before.StdOut);
        Assert.Equal(before.StdOut, after.StdOut);
    }

    [Fact]
    public async Task Lookup_ConfigFlagBeatsVariableBeatsLocalBeatsUser()
    {
        using var env = new FakeEnvironment();
        var user = Path.Combine(env.Root, "xdg", "agon", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(user)!);
        File.WriteAllText(user, """{"timeout": 4}""");
        env.Set("XDG_CONFIG_HOME", Path.Combine(env.Root, "xdg"));
        Assert.Equal(4, (await SettingAsync(env, "", "timeout")).GetProperty("value").GetInt32());

        env.WriteConfig("""{"timeout": 3}""");
        Assert.Equal(3, (await SettingAsync(env, "", "timeout")).GetProperty("value").GetInt32());

        var named = env.WriteFile("named.json", """{"timeout": 2}""");
        env.Set("AGON_CONFIG", named);
        Assert.Equal(2, (await SettingAsync(env, "", "timeout")).GetProperty("value").GetInt32());

        env.WriteFile("explicit.json", """{"timeout": 1}""");
        Assert.Equal(1, (await SettingAsync(env, "-c explicit.json", "timeout")).GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Lookup_HomeDotConfigWhenNoXdgVariable()
    {
        using var env = new FakeEnvironment();
        var user = Path.Combine(env.HomeDirectory, ".config", "agon", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(user)!);
        File.WriteAllText(user, """{"timeout": 9}""");

        var result = await AgonRunner.RunAsync(env, "show config --json");

        using var document = JsonDocument.Parse(result.StdOut);
        Assert.Equal(user, document.RootElement.GetProperty("configFile").GetString());
    }
}
