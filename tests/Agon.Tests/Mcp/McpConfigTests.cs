using Agon.Configuration;
using Agon.Diagnostics;

namespace Agon.Tests.Mcp;

/// <summary><c>mcpServers</c>, <c>mcpConfig</c> and agon's MCP keys: parsing, expansion and every validation message.</summary>
public sealed class McpConfigTests
{
    [Fact]
    public void ClaudeDesktopBlock_PastedAsIs_Reads()
    {
        using var env = new FakeEnvironment();
        var home = Path.Combine(env.Root, "home");
        env.Set("HOME", home).Set("TOOLS_TOKEN", "tok-123456");
        env.WriteConfig("""
            {"mcpMode": true,
             "mcpServers": {
               "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "${HOME}/notes"],
                      "env": {"LOG_LEVEL": "${LOG_LEVEL:-warn}"}, "cwd": "/tmp"},
               "tools": {"type": "http", "url": "http://127.0.0.1:8000/mcp", "headers": {"Authorization": "Bearer ${TOOLS_TOKEN}"},
                         "allowTools": ["search"], "excludeTools": ["delete"]},
               "legacy": {"url": "http://127.0.0.1:9000/sse", "disabled": true}
             }}
            """);

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Empty(config.Warnings);
        var mcp = config.Mcp;
        Assert.True(mcp.Enabled);
        Assert.Equal(3, mcp.Servers.Count);
        var fs = mcp.Servers[0];
        Assert.Equal(McpTransport.Stdio, fs.Transport);
        Assert.Equal("npx", fs.Command);
        Assert.Equal(["-y", "@modelcontextprotocol/server-filesystem", home + "/notes"], fs.Args);
        Assert.Equal("warn", fs.Env["LOG_LEVEL"]);
        Assert.Equal("/tmp", fs.Cwd);
        var tools = mcp.Servers[1];
        Assert.Equal(McpTransport.Http, tools.Transport);
        Assert.Equal("Bearer tok-123456", tools.Headers["Authorization"]);
        Assert.True(tools.Offers("search"));
        Assert.False(tools.Offers("delete"));
        Assert.False(tools.Offers("other"));
        Assert.Equal(McpTransport.Sse, mcp.Servers[2].Transport);
        Assert.True(mcp.Servers[2].Disabled);
        Assert.Equal("***", SecretRedactor.Redact("tok-123456"));
    }

    [Fact]
    public void AgonKeys_KeepTheirMeaning()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"mcpMode": true, "mcpBinary": "bin/agon-mcp", "mcpInitTimeout": 0, "mcpRetryCount": 0, "mcpMaxRounds": 3, "mcpParseTextCalls": true}""");

        var mcp = new ConfigLoader(env).Load(ConfigOverrides.None).Mcp;

        Assert.Equal(TimeSpan.FromSeconds(10), mcp.InitTimeout);
        Assert.Equal(1, mcp.Attempts);
        Assert.Equal(3, mcp.MaxRounds);
        Assert.True(mcp.ParseTextCalls);
        Assert.Equal("bin/agon-mcp", mcp.Binary);
        Assert.False(mcp.HasServers);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(-1, 0)]
    public void RetryCount_IsAttempts_AsAgonRead(int retryCount, int attempts) =>
        Assert.Equal(attempts, new McpSettings { RetryCount = retryCount }.Attempts);

    [Fact]
    public void McpConfig_ReadsVsCodeServers_AndSkipsInputs()
    {
        using var env = new FakeEnvironment();
        env.WriteFile(".vscode/mcp.json", """
            // VS Code allows comments
            {"inputs": [{"id": "token", "type": "promptString"}],
             "servers": {
               "time": {"type": "stdio", "command": "uvx", "args": ["mcp-server-time"]},
               "gh": {"type": "http", "url": "https://api.example/mcp", "headers": {"Authorization": "Bearer ${input:token}"}}
             }}
            """);
        env.WriteConfig("""{"mcpConfig": ".vscode/mcp.json"}""");

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        var server = Assert.Single(config.Mcp.Servers);
        Assert.Equal("time", server.Name);
        Assert.Equal(".vscode/mcp.json", server.Source);
        Assert.Contains(config.Warnings, w => w.Contains("servers.gh: uses ${input:…}, which only VS Code can ask for; skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void McpConfig_ClaudeFile_MergesWithMcpServers_ConfigWins()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("claude.json", """{"mcpServers": {"fs": {"command": "other"}, "time": {"command": "uvx", "args": ["mcp-server-time"]}}}""");
        env.WriteConfig("""{"mcpConfig": "claude.json", "mcpServers": {"fs": {"command": "npx"}}}""");

        var config = new ConfigLoader(env).Load(ConfigOverrides.None);

        Assert.Equal(["fs", "time"], config.Mcp.Servers.Select(s => s.Name));
        Assert.Equal("npx", config.Mcp.Servers[0].Command);
        Assert.Contains(config.Warnings, w => w.Contains("server \"fs\" is also in claude.json; the one in mcpServers is used", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"mcpServers": []}""", "mcpServers: expected an object of servers by name")]
    [InlineData("""{"mcpServers": {"fs": "npx"}}""", "mcpServers.fs: expected a server object with a command or a url, got \"npx\"")]
    [InlineData("""{"mcpServers": {"fs": {}}}""", "mcpServers.fs: needs a command (a server Agon starts over stdio) or a url (an HTTP server)")]
    [InlineData("""{"mcpServers": {"fs": {"type": "websocket", "url": "ws://h/mcp"}}}""", "mcpServers.fs.type: unknown transport \"websocket\" (valid: stdio, http, streamable-http, streamable_http, streamableHttp, sse)")]
    [InlineData("""{"mcpServers": {"fs": {"command": "npx", "url": "http://h/mcp"}}}""", "mcpServers.fs: has both command and url")]
    [InlineData("""{"mcpServers": {"fs": {"type": "stdio", "url": "http://h/mcp"}}}""", "mcpServers.fs.command: required for a stdio server")]
    [InlineData("""{"mcpServers": {"fs": {"type": "sse", "command": "npx"}}}""", "mcpServers.fs.url: required for an sse server")]
    [InlineData("""{"mcpServers": {"fs": {"url": "ftp://h/mcp"}}}""", "mcpServers.fs.url: \"ftp://h/mcp\" is not an absolute http(s) URL")]
    [InlineData("""{"mcpServers": {"fs": {"command": "npx", "args": "-y"}}}""", "mcpServers.fs.args: expected an array of strings, got \"-y\"")]
    [InlineData("""{"mcpServers": {"fs": {"command": "npx", "env": {"N": 1}}}}""", "mcpServers.fs.env.N: expected a string, got 1")]
    [InlineData("""{"mcpServers": {"fs": {"command": "npx", "disabled": "no"}}}""", "mcpServers.fs.disabled: expected true or false, got \"no\"")]
    [InlineData("""{"mcpServers": {"fs": {"command": "npx", "args": ["${NOTES_DIR}"]}}}""", "mcpServers.fs.args[0]: environment variable NOTES_DIR is not set (set it, or give a default: ${NOTES_DIR:-value})")]
    [InlineData("""{"mcpServers": {"t": {"url": "http://h/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}}}}""", "mcpServers.t.headers.Authorization: environment variable TOKEN is not set")]
    [InlineData("""{"mcpMaxRounds": 0}""", "mcpMaxRounds: must be at least 1, got 0")]
    [InlineData("""{"mcpConfig": "missing.json"}""", "mcpConfig: 'missing.json' does not exist")]
    public async Task InvalidMcpConfig_PreciseMessage_Exit2(string json, string expected)
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(json);

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task McpConfigFile_WithoutServers_Exit2()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("other.json", """{"hosts": []}""");
        env.WriteConfig("""{"mcpConfig": "other.json"}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mcpConfig: 'other.json' has no \"mcpServers\" object (Claude Desktop, Cursor) or \"servers\" object (VS Code)", result.StdErr);
    }

    [Fact]
    public async Task UnknownServerKey_WarnsWithSuggestion()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"mcpServers": {"fs": {"command": "npx", "allowTool": ["a"]}}}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mcpServers.fs.allowTool: unknown key, ignored (did you mean 'allowTools'?)", result.StdErr);
    }

    [Fact]
    public async Task ShowConfig_ListsServers_SecretsMasked()
    {
        using var env = new FakeEnvironment();
        env.Set("TOOLS_TOKEN", "tok-abcdef");
        env.WriteConfig("""{"mcpServers": {"tools": {"url": "http://127.0.0.1:8000/mcp", "headers": {"Authorization": "Bearer ${TOOLS_TOKEN}"}}}}""");

        var result = await AgonRunner.RunAsync(env, "show config");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("tools  http  http://127.0.0.1:8000/mcp", result.StdOut);
        Assert.DoesNotContain("tok-abcdef", result.StdOut + result.StdErr);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${A}/x", "1/x")]
    [InlineData("${MISSING:-dflt}", "dflt")]
    [InlineData("${EMPTY:-dflt}", "dflt")]
    [InlineData("${A}${B:-2}", "12")]
    [InlineData("${unterminated", "${unterminated")]
    public void Expansion(string text, string expected)
    {
        var values = new Dictionary<string, string> { ["A"] = "1", ["EMPTY"] = "" };
        Assert.Equal(expected, VariableExpansion.Expand(text, n => values.GetValueOrDefault(n), out var missing));
        Assert.Null(missing);
    }
}
