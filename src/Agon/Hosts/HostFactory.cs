using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Hosts.Embedded;
using Agon.Hosts.LlamaCpp;
using Agon.Hosts.Ollama;

namespace Agon.Hosts;

/// <summary>The one place that knows which class serves which host type.</summary>
internal sealed class HostFactory(HostHttpClientFactory httpClients, TimeProvider timeProvider, IAgonEnvironment environment, IAgonLog log)
{
    /// <summary>The log the hosts write to; features record unexpected failures there too.</summary>
    public IAgonLog Log => log;

    public IModelHost Create(HostConfig host) => host.Type switch
    {
        HostType.LlamaCpp => new LlamaCppHost(host, httpClients.Create(host), timeProvider),
        HostType.Ollama => new OllamaHost(host, httpClients.Create(host), timeProvider),
        _ => new EmbeddedHost(host, environment, timeProvider, log, httpClients.CreateHub),
    };
}
