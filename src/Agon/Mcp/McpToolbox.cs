using Agon.Configuration;
using Microsoft.Extensions.AI;

namespace Agon.Mcp;

/// <summary>
/// The MCP servers of one run, started together: each one's client and tools, or one line saying why it did not
/// start. The tools offered to the model are those the servers' <c>allowTools</c>/<c>excludeTools</c> let through;
/// a name two servers share is offered as <c>server__tool</c>.
/// </summary>
internal sealed class McpToolbox : IAsyncDisposable
{
    private readonly Dictionary<string, McpToolBinding> _byModelName;

    private McpToolbox(IReadOnlyList<McpConnection> connections)
    {
        Connections = connections;
        var offered = connections.Where(c => c.Started)
            .SelectMany(c => c.Tools.Where(t => c.Config.Offers(t.Name)).Select(t => (Server: c.Config.Name, Tool: t)))
            .ToList();
        var clashes = offered.GroupBy(o => o.Tool.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        _byModelName = new Dictionary<string, McpToolBinding>(StringComparer.Ordinal);
        foreach (var (server, tool) in offered)
        {
            var name = clashes.Contains(tool.Name) ? $"{server}__{tool.Name}" : tool.Name;
            _byModelName[name] = new McpToolBinding(name, server, tool);
        }

        Tools = _byModelName.Values.Select(b => (AITool)(b.ModelName == b.Tool.Name ? b.Tool : b.Tool.WithName(b.ModelName))).ToList();
    }

    public IReadOnlyList<McpConnection> Connections { get; }

    /// <summary>The tools offered to the model.</summary>
    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>The binding of a tool by the name the model used, or null.</summary>
    public McpToolBinding? Find(string modelName) => _byModelName.GetValueOrDefault(modelName);

    /// <summary>Starts every enabled server at once; a failing one is recorded with its reason, the others go on.</summary>
    public static async Task<McpToolbox> StartAsync(IReadOnlyList<McpServerConfig> servers, McpConnector connector, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var connections = await Task.WhenAll(servers.Where(s => !s.Disabled).Select(async server =>
        {
            var started = timeProvider.GetTimestamp();
            try
            {
                var client = await connector.ConnectAsync(server, cancellationToken);
                try
                {
                    var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
                    return new McpConnection { Config = server, Client = client, Tools = [.. tools], StartTime = timeProvider.GetElapsedTime(started) };
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await client.DisposeAsync();
                    return new McpConnection { Config = server, Error = $"it started but listing its tools failed: {Diagnostics.SecretRedactor.Redact(ex.Message)}" };
                }
            }
            catch (McpStartException ex)
            {
                return new McpConnection { Config = server, Error = ex.Message, StartTime = timeProvider.GetElapsedTime(started) };
            }
        }));
        return new McpToolbox(connections);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
        {
            if (connection.Client is { } client)
            {
                try
                {
                    await client.DisposeAsync();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
                {
                    // A server that already exited cannot be shut down again; nothing is lost.
                }
            }
        }
    }
}
