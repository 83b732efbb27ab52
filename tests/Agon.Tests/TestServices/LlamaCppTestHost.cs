using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.TestServices;

/// <summary>Builds a <see cref="LlamaCppHost"/> over a fake server, through the real client factory (wire log included).</summary>
internal static class LlamaCppTestHost
{
    public static readonly LlamaCppHostOptions FastPolling = new() { PollInterval = TimeSpan.FromMilliseconds(1), StartupRetryInterval = TimeSpan.FromMilliseconds(1), ReloadGrace = TimeSpan.FromMilliseconds(1) };

    public static LlamaCppHost Create(
        HttpMessageHandler server, string name = "lab", string? apiKey = null, TimeSpan? timeout = null, TimeProvider? clock = null, LlamaCppHostOptions? options = null, IReadOnlyList<string>? configured = null)
    {
        var config = new HostConfig
        {
            Name = name,
            Type = HostType.LlamaCpp,
            Url = new Uri("http://127.0.0.1:8080/"),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            ApiKey = apiKey,
            Models = configured ?? [],
        };
        var time = clock ?? TimeProvider.System;
        var factory = new HostHttpClientFactory(new MemoryLog(), time, _ => server);
        return new LlamaCppHost(config, factory.Create(config), time, options ?? FastPolling);
    }

    /// <summary>A router replay with its standing /props.</summary>
    public static ReplayHandler Router(params string[] script) =>
        new ReplayHandler(script.Select(RecordedExchange.Load).ToArray()).Always("router-basic/02-props");
}
