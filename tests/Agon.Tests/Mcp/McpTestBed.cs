using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Mcp;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Mcp;

/// <summary>An in-memory MCP server started through Agon's own connector and toolbox, and a chat run over a scripted model.</summary>
internal sealed class McpTestBed : IAsyncDisposable
{
    private McpTestBed(InMemoryMcpServer server, McpToolbox toolbox, McpSettings settings, MemoryLog log, TimeProvider clock)
    {
        Server = server;
        Toolbox = toolbox;
        Settings = settings;
        Log = log;
        Clock = clock;
    }

    public InMemoryMcpServer Server { get; }

    public McpToolbox Toolbox { get; }

    public McpSettings Settings { get; }

    public MemoryLog Log { get; }

    public TimeProvider Clock { get; }

    public static async Task<McpTestBed> StartAsync(McpSettings? settings = null, TimeProvider? clock = null, McpServerConfig? config = null, AIFunction[]? extra = null)
    {
        var server = new InMemoryMcpServer(extra ?? []);
        var log = new MemoryLog();
        var time = clock ?? TimeProvider.System;
        settings ??= new McpSettings { Enabled = true };
        var entry = config ?? new McpServerConfig { Name = "mem", Transport = McpTransport.Stdio, Command = "unused" };
        var connector = new McpConnector(new FakeEnvironment(), log, new HostHttpClientFactory(log, time), settings.InitTimeout, _ => server.ClientTransport());
        var toolbox = await McpToolbox.StartAsync([entry], connector, time, TestContext.Current.CancellationToken);
        return new McpTestBed(server, toolbox, settings, log, time);
    }

    public McpToolInvoker Invoker() => new(Toolbox, Settings, Log, Clock);

    /// <summary>One chat turn of a scripted model with the toolbox's tools, as <c>agon chat</c> runs it.</summary>
    public async Task<(ChatOutcome Outcome, List<ChatEvent> Events)> ChatAsync(ScriptedChatClient model, bool stream = false, bool? supportsTools = null)
    {
        var events = new List<ChatEvent>();
        var observer = new ListObserver(events);
        var engine = new ChatEngine(Clock, Log, tools: new ToolSession(Toolbox, Settings, Log));
        var outcomes = await engine.RunAsync(new ChatRequest { Prompt = "What is 40 + 2?", Stream = stream }, [new ChatTarget(new ToolTestHost(model, supportsTools), "m")], observer, TestContext.Current.CancellationToken);
        return (outcomes[0], events);
    }

    public async ValueTask DisposeAsync()
    {
        await Toolbox.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class ListObserver(List<ChatEvent> events) : IChatObserver
    {
        public void OnEvent(ChatEvent chatEvent)
        {
            lock (events)
            {
                events.Add(chatEvent);
            }
        }
    }

    public static Dictionary<string, object?> Args(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value is int i ? (object?)System.Text.Json.JsonSerializer.SerializeToElement(i, Agon.Tests.Mcp.McpTestJson.Default.Int32) : v.Value);

    public static string ResultText(ChatMessage message) =>
        JsonWriterExtensions.ToolResultText(Assert.IsType<FunctionResultContent>(Assert.Single(message.Contents)).Result);
}
