using System.Globalization;
using Agon.Configuration;
using Agon.Hosts.Embedded;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Bench;

/// <summary>
/// In-process prompt and generation speed for the tiny shared models: the same prompt, greedy sampling, a fixed
/// number of generated tokens and the engine's default thread count (physical cores), best and median of several runs.
/// </summary>
internal static class EmbeddedBenchmark
{
    private const string Prompt = "Once upon a time there was a little girl who lived in a village near the forest. Tell me what happened next.";

    public static async Task<int> RunAsync(string modelsDir, int tokens, int runs)
    {
        if (!Directory.Exists(modelsDir))
        {
            Console.Error.WriteLine($"no models folder at {modelsDir}");
            return 2;
        }

        var config = new HostConfig { Name = "bench", Type = HostType.Embedded, ModelsDirs = [modelsDir], ModelsMax = 1, Timeout = TimeSpan.FromMinutes(5) };
        await using var host = new EmbeddedHost(config, new DirectoryEnvironment(modelsDir), TimeProvider.System, new NullLog());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads {EmbeddedRuntime.PhysicalCores}, {tokens} generated tokens per run, {runs} runs after one warm-up"));
        foreach (var model in new[] { "stories260K", "llama-2-tiny-random" })
        {
            var client = host.GetChatClient(model);
            var options = new ChatOptions { Temperature = 0, Seed = 1, MaxOutputTokens = tokens };
            await client.GetResponseAsync(Prompt, options);
            var prompt = new List<double>();
            var generation = new List<double>();
            double promptTokens = 0;
            for (var i = 0; i < runs; i++)
            {
                var response = await client.GetResponseAsync(Prompt, options);
                var metrics = (ResponseMetrics)response.AdditionalProperties![ResponseMetrics.PropertyKey]!;
                prompt.Add(metrics.PromptTokensPerSecond!.Value.Value);
                generation.Add(metrics.GenerationTokensPerSecond!.Value.Value);
                promptTokens = metrics.PromptTokens!.Value.Value;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model,-20} prompt ({promptTokens} tok): median {StartupBenchmark.Median(prompt),8:F0} tok/s, best {prompt.Max(),8:F0}   generation: median {StartupBenchmark.Median(generation),7:F0} tok/s, best {generation.Max(),7:F0}"));
        }

        return 0;
    }

    private sealed class DirectoryEnvironment(string folder) : IAgonEnvironment
    {
        public string? GetVariable(string name) => name == "LLAMA_CACHE" ? Path.Combine(folder, ".none") : null;

        public string CurrentDirectory => folder;

        public string HomeDirectory => Path.Combine(folder, ".none");
    }

    private sealed class NullLog : Agon.Diagnostics.IAgonLog
    {
        public string Path => "none";

        public bool IncludeBodies => false;

        public void Write(string line)
        {
        }
    }
}
