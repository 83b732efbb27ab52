using Agon.Configuration;
using Agon.Hosts;

namespace Agon.Models;

/// <summary>
/// The selected hosts (<c>--host</c>, repeatable; default all) and a way to ask each of them the same thing in
/// parallel, where one host failing never stops the others.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly List<IModelHost> _hosts = [];
    private readonly List<(HostConfig Host, string Error)> _unavailable = [];
    private readonly Diagnostics.IAgonLog _log;

    public Fleet(AgonConfig config, HostFactory factory, IReadOnlyCollection<string> hostNames)
    {
        Config = config;
        _log = factory.Log;
        var selected = Select(config, hostNames);
        foreach (var host in selected)
        {
            try
            {
                _hosts.Add(factory.Create(host));
            }
            catch (AgonException ex)
            {
                _unavailable.Add((host, ex.Message));
            }
        }
    }

    public AgonConfig Config { get; }

    public IReadOnlyList<IModelHost> Hosts => _hosts;

    /// <summary>Selected hosts this build cannot talk to, with the reason.</summary>
    public IReadOnlyList<(HostConfig Host, string Error)> Unavailable => _unavailable;

    /// <summary>Runs <paramref name="action"/> on every host at once; a host's failure becomes its error line.</summary>
    public Task<IReadOnlyList<HostOutcome<T>>> ForEachAsync<T>(Func<IModelHost, CancellationToken, Task<T>> action, CancellationToken cancellationToken) =>
        ForEachAsync(_hosts, action, cancellationToken);

    /// <summary>Runs <paramref name="action"/> on the given hosts at once; a host's failure becomes its error line.</summary>
    public async Task<IReadOnlyList<HostOutcome<T>>> ForEachAsync<T>(
        IEnumerable<IModelHost> hosts, Func<IModelHost, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var tasks = hosts.Distinct().Select(async host =>
        {
            try
            {
                return new HostOutcome<T>(host, await action(host, cancellationToken), null);
            }
            catch (AgonException ex)
            {
                return new HostOutcome<T>(host, default, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One host answering something unexpected must not stop the others; the details go to the log.
                _log.Write($"ERROR host {host.Name}: {ex}");
                return new HostOutcome<T>(host, default, $"host {host.Name}: unexpected failure: {ex.Message}");
            }
        });
        return await Task.WhenAll(tasks);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    private static List<HostConfig> Select(AgonConfig config, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return [.. config.Hosts];
        }

        var selected = new List<HostConfig>();
        foreach (var name in names)
        {
            var host = config.FindHost(name)
                ?? throw AgonException.Usage($"unknown host '{name}' (configured: {string.Join(", ", config.Hosts.Select(h => h.Name))})");
            if (!selected.Contains(host))
            {
                selected.Add(host);
            }
        }

        return selected;
    }
}
