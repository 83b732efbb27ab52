using Agon.Configuration;
using Agon.Hosts;

namespace Agon.Cli;

/// <summary>
/// What a command that asks models opens and must close: one client per host it talks to, made on first use, and
/// whatever else it starts (MCP servers, the RAG index's embedding client), closed last-opened first.
/// </summary>
internal sealed class CommandResources(HostFactory factory) : IAsyncDisposable
{
    private readonly Dictionary<HostConfig, IModelHost> _hosts = [];
    private readonly List<IAsyncDisposable> _opened = [];

    public IModelHost HostFor(HostConfig config) => _hosts.TryGetValue(config, out var host) ? host : _hosts[config] = factory.Create(config);

    /// <summary>Closes <paramref name="resource"/> with the rest; returns it.</summary>
    public T Keep<T>(T resource)
        where T : IAsyncDisposable
    {
        _opened.Add(resource);
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _opened.Count - 1; i >= 0; i--)
        {
            await _opened[i].DisposeAsync();
        }

        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        _opened.Clear();
        _hosts.Clear();
    }
}
