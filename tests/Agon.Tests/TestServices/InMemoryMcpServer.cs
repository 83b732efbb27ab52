using System.IO.Pipelines;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Agon.Tests.TestServices;

/// <summary>
/// A real MCP server from the SDK, connected to the client through two in-memory pipes: no process, no network.
/// Tools: <c>add(a,b)</c>, <c>fail</c> (throws an McpException), <c>soft_error</c> (an error result),
/// <c>hang</c> (never answers), <c>long_text</c> (10 000 characters).
/// </summary>
internal sealed class InMemoryMcpServer : IAsyncDisposable
{
    private const string TwoNumbers = """{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]}""";
    private const string NoArguments = """{"type":"object","properties":{}}""";

    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public InMemoryMcpServer(params AIFunction[] extra)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var function in Standard().Concat(extra))
        {
            tools.Add(McpServerTool.Create(function));
        }

        var server = McpServer.Create(
            new StreamServerTransport(_clientToServer.Reader.AsStream(), _serverToClient.Writer.AsStream(), "mem"),
            new McpServerOptions { ServerInfo = new() { Name = "mem", Version = "1" }, ToolCollection = tools });
        _running = server.RunAsync(_stop.Token);
    }

    /// <summary>How many calls reached the server, by tool.</summary>
    public Dictionary<string, int> Calls { get; } = [];

    public IClientTransport ClientTransport() => new StreamClientTransport(_clientToServer.Writer.AsStream(), _serverToClient.Reader.AsStream());

    private IEnumerable<AIFunction> Standard()
    {
        yield return new ScriptedFunction("add", "Adds two numbers", TwoNumbers, (args, _) =>
        {
            Count("add");
            return ValueTask.FromResult<object?>((ScriptedFunction.Int(args, "a") + ScriptedFunction.Int(args, "b")).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        yield return new ScriptedFunction("fail", "Always fails", NoArguments, (_, _) =>
        {
            Count("fail");
            throw new McpException("upstream API said 503");
        });
        yield return new ScriptedFunction("soft_error", "Returns an error result", NoArguments, (_, _) =>
        {
            Count("soft_error");
            return ValueTask.FromResult<object?>(new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "city not found" }] });
        });
        yield return new ScriptedFunction("hang", "Never answers", NoArguments, async (_, ct) =>
        {
            Count("hang");
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        yield return new ScriptedFunction("long_text", "A long answer", NoArguments, (_, _) => ValueTask.FromResult<object?>(new string('x', 10_000)));
    }

    private void Count(string tool)
    {
        lock (Calls)
        {
            Calls[tool] = Calls.GetValueOrDefault(tool) + 1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _clientToServer.Writer.Complete();
        _serverToClient.Writer.Complete();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
