using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.Ollama;

namespace Agon.Tests.TestServices;

/// <summary>Builds an <see cref="OllamaHost"/> over a fake server, through the real client factory.</summary>
internal static class OllamaTestHost
{
    public static OllamaHost Create(HttpMessageHandler server, string? keepAlive = null, string name = "box")
    {
        var config = new HostConfig
        {
            Name = name,
            Type = HostType.Ollama,
            Url = new Uri("http://127.0.0.1:11434/"),
            Timeout = TimeSpan.FromSeconds(30),
            KeepAlive = keepAlive,
        };
        return new OllamaHost(config, new HostHttpClientFactory(new MemoryLog(), TimeProvider.System, _ => server).Create(config), TimeProvider.System);
    }

    public static ReplayHandler Server(params string[] script) =>
        new(script.Select(s => RecordedExchange.Load("ollama/" + s)).ToArray());
}
