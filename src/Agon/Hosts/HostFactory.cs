using Agon.Configuration;
using Agon.Hosts.LlamaCpp;
using Agon.Hosts.Ollama;

namespace Agon.Hosts;

/// <summary>The one place that knows which class serves which host type.</summary>
internal sealed class HostFactory(HostHttpClientFactory httpClients, TimeProvider timeProvider)
{
    public IModelHost Create(HostConfig host) => host.Type switch
    {
        HostType.LlamaCpp => new LlamaCppHost(host, httpClients.Create(host), timeProvider),
        HostType.Ollama => new OllamaHost(host, httpClients.Create(host), timeProvider),
        _ => throw new AgonException(
            $"host {host.Name} is an in-process (embedded) host, which this build cannot run yet; configure a llama.cpp or Ollama host (see config/examples/)"),
    };
}
