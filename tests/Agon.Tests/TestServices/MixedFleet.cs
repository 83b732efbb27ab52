using Agon.Configuration;

namespace Agon.Tests.TestServices;

/// <summary>
/// A llama.cpp router (stateful fake, models-max 1), a llama.cpp single-model server and an Ollama server
/// (replays), configured the way an agon user writes it.
/// </summary>
internal sealed class MixedFleet
{
    public const string Config = """
        {"hosts": [
          {"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K", "tiny-random"]},
          {"name": "single", "type": "llama.cpp", "url": "http://10.0.0.2:8080", "models": ["<model-file>"]},
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["qwen3:8b", "llama3.2", "phi4:latest"]}
        ]}
        """;

    public MixedFleet()
    {
        Router = new FakeRouter(1, "broken", "stories260K", "tiny-random");
        Router.Broken.Add("broken");
        Single = new ReplayHandler().Always("single/02-props").Always("single/03-models").Always("single/04-v1-models");
        Ollama = new ReplayHandler()
            .Always(RecordedExchange.Load("ollama/version"))
            .Always(RecordedExchange.Load("ollama/tags"))
            .Always(RecordedExchange.Load("ollama/ps"));
    }

    public FakeRouter Router { get; }

    public ReplayHandler Single { get; }

    public ReplayHandler Ollama { get; set; }

    /// <summary>Replaces a host's server (an unreachable one, a 401, …).</summary>
    public Dictionary<string, HttpMessageHandler> Overrides { get; } = [];

    public HttpMessageHandler Handler(HostConfig host) =>
        Overrides.TryGetValue(host.Name, out var custom) ? custom
        : host.Name switch
        {
            "router" => Router,
            "single" => Single,
            _ => Ollama,
        };

    public async Task<CliResult> RunAsync(FakeEnvironment env, string commandLine, string? answer = null)
    {
        if (!File.Exists(Path.Combine(env.CurrentDirectory, "config", "config.json")))
        {
            env.WriteConfig(Config);
        }

        return await AgonRunner.RunAsync(env, commandLine, Handler, answer, interactive: answer is not null);
    }
}
