using Agon.Configuration;
using Agon.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Mcp;

/// <summary>Agon's MCP client against a real SDK server in memory: listing, calling, errors, timeouts, filters.</summary>
public sealed class McpClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static FunctionInvocationContext Context(McpToolbox toolbox, string name, Dictionary<string, object?>? arguments = null)
    {
        var function = (AIFunction)toolbox.Tools.First(t => t.Name == name);
        var call = new FunctionCallContent("call-1", name, arguments ?? []);
        return new FunctionInvocationContext { Function = function, CallContent = call, Arguments = new AIFunctionArguments(arguments ?? []) };
    }

    [Fact]
    public async Task Lists_EveryTool_WithSchema()
    {
        await using var bed = await McpTestBed.StartAsync();

        var connection = Assert.Single(bed.Toolbox.Connections);
        Assert.True(connection.Started);
        Assert.Equal(["add", "fail", "hang", "long_text", "soft_error"], bed.Toolbox.Tools.Select(t => t.Name).Order());
        var add = Assert.IsAssignableFrom<AIFunctionDeclaration>(bed.Toolbox.Tools.First(t => t.Name == "add"));
        Assert.Contains("\"required\":[\"a\",\"b\"]", add.JsonSchema.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAndExclude_FilterWhatTheModelSees()
    {
        var config = new McpServerConfig { Name = "mem", Command = "unused", AllowTools = ["add", "fail"], ExcludeTools = ["fail"] };
        await using var bed = await McpTestBed.StartAsync(config: config);

        Assert.Equal(["add"], bed.Toolbox.Tools.Select(t => t.Name));
        Assert.Equal(5, bed.Toolbox.Connections[0].Tools.Count);
    }

    [Fact]
    public async Task Success_IsPlainText()
    {
        await using var bed = await McpTestBed.StartAsync();

        var result = await bed.Invoker().InvokeAsync(Context(bed.Toolbox, "add", McpTestBed.Args(("a", 40), ("b", 2))), Token);

        Assert.Equal("42", result);
        Assert.Contains(bed.Log.Lines, l => l.StartsWith("AGON->MCP server=mem tools/call add", StringComparison.Ordinal));
        Assert.Contains(bed.Log.Lines, l => l.StartsWith("MCP->AGON server=mem tools/call add ok", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fail", "error: fail failed: An error occurred invoking 'fail': upstream API said 503")]
    [InlineData("soft_error", "error: soft_error failed: city not found")]
    public async Task ToolError_IsOneLine_NotTheSdkDump(string tool, string expected)
    {
        await using var bed = await McpTestBed.StartAsync();
        var invoker = bed.Invoker();

        var result = await invoker.InvokeAsync(Context(bed.Toolbox, tool), Token);

        Assert.Equal(expected, result);
        Assert.True(invoker.Finished("call-1")!.IsError);
    }

    [Fact]
    public async Task LongResult_TruncatedWithMarker()
    {
        await using var bed = await McpTestBed.StartAsync();

        var result = Assert.IsType<string>(await bed.Invoker().InvokeAsync(Context(bed.Toolbox, "long_text"), Token));

        Assert.StartsWith(new string('x', ToolResultText.Budget) + "… [truncated: 6000 more characters]", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_mcpInitTimeout_BoundsEachCall()
    {
        var clock = new FakeTimeProvider(AgonRunner.Now);
        await using var bed = await McpTestBed.StartAsync(new McpSettings { InitTimeout = TimeSpan.FromSeconds(3) }, clock);
        var invoker = bed.Invoker();

        var call = invoker.InvokeAsync(Context(bed.Toolbox, "hang"), Token).AsTask();
        while (!bed.Server.Calls.ContainsKey("hang"))
        {
            await Task.Yield();
        }

        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal("error: hang did not answer within 3 s", await call);
    }

    /// <summary>Starts <paramref name="servers"/> with an empty PATH and returns the one that did not start.</summary>
    private static async Task<McpConnection> OnlyFailedStartAsync(FakeEnvironment env, params McpServerConfig[] servers)
    {
        env.Set("PATH", "/nonexistent");
        var log = new MemoryLog();
        var connector = new McpConnector(env, log, new Agon.Hosts.HostHttpClientFactory(log, TimeProvider.System), TimeSpan.FromSeconds(5));
        await using var toolbox = await McpToolbox.StartAsync(servers, connector, TimeProvider.System, Token);
        return Assert.Single(toolbox.Connections);
    }

    [Fact]
    public async Task ServerThatFailsToStart_IsOneLineWithReason_OthersStillListed()
    {
        using var env = new FakeEnvironment();

        var failed = await OnlyFailedStartAsync(env,
            new McpServerConfig { Name = "missing", Command = "no-such-mcp-server" }, new McpServerConfig { Name = "off", Command = "x", Disabled = true });

        Assert.False(failed.Started);
        Assert.Equal("command no-such-mcp-server was not found on PATH", failed.Error);
    }

    [Fact]
    public async Task DefaultServerMissing_SaysHowToPublishItBesideAgon()
    {
        using var env = new FakeEnvironment();
        var folder = Path.Combine(env.CurrentDirectory, "my tools $HOME");
        Directory.CreateDirectory(folder);

        var failed = await OnlyFailedStartAsync(env, McpDefaultServer.For(null, env, folder + Path.DirectorySeparatorChar));

        Assert.False(failed.Started);
        Assert.Matches(
            $@"^agon-mcp, Agon's own tool server, is neither beside agon \({System.Text.RegularExpressions.Regex.Escape(folder)}\) nor on PATH; publish it there "
            + $@"\(dotnet publish src/Agon\.McpServer -c Release -r (linux|osx|win)-[a-z0-9]+ -o '{System.Text.RegularExpressions.Regex.Escape(folder)}'\) or configure mcpServers$",
            failed.Error);
    }

    [Fact]
    public async Task NameClash_AcrossServers_PrefixedWithServer()
    {
        await using var one = new InMemoryMcpServer();
        await using var two = new InMemoryMcpServer();
        var log = new MemoryLog();
        var connector = new McpConnector(new FakeEnvironment(), log, new Agon.Hosts.HostHttpClientFactory(log, TimeProvider.System), TimeSpan.FromSeconds(5),
            s => s.Name == "one" ? one.ClientTransport() : two.ClientTransport());

        await using var toolbox = await McpToolbox.StartAsync(
            [new McpServerConfig { Name = "one", Command = "x", AllowTools = ["add"] }, new McpServerConfig { Name = "two", Command = "x", AllowTools = ["add", "fail"] }],
            connector, TimeProvider.System, Token);

        Assert.Equal(["fail", "one__add", "two__add"], toolbox.Tools.Select(t => t.Name).Order());
        Assert.Equal("two", toolbox.Find("two__add")!.Server);
        var result = await new McpToolInvoker(toolbox, new McpSettings(), log, TimeProvider.System)
            .InvokeAsync(Context(toolbox, "two__add", McpTestBed.Args(("a", 1), ("b", 2))), Token);
        Assert.Equal("3", result);
        Assert.Equal(1, two.Calls["add"]);
    }
}
