using System.Diagnostics;
using System.Globalization;
using System.Text;
using Agon.Cli;
using Agon.Terminal;

namespace Agon.Bench;

/// <summary>
/// <c>agon list models</c> (in-process, real sockets) over 1 and 4 loopback hosts that each answer every request
/// after a fixed delay. Hosts are asked in parallel, so four should cost about as much as one.
/// </summary>
internal static class FleetListBenchmark
{
    private static readonly byte[] s_tags = Encoding.UTF8.GetBytes("""{"models":[{"name":"qwen3:8b","model":"qwen3:8b","size":5225376047,"details":{"family":"qwen3","parameter_size":"8.2B","quantization_level":"Q4_K_M"}}]}""");
    private static readonly byte[] s_ps = Encoding.UTF8.GetBytes("""{"models":[]}""");
    private static readonly byte[] s_props = Encoding.UTF8.GetBytes("""{"role":"router","max_instances":1,"models_autoload":true,"build_info":"bench"}""");
    private static readonly byte[] s_models = Encoding.UTF8.GetBytes("""{"data":[{"id":"stories260K","aliases":[],"status":{"value":"unloaded"}}],"object":"list"}""");

    public static async Task<int> RunAsync(int delayMs, int runs)
    {
        var delay = TimeSpan.FromMilliseconds(delayMs);
        foreach (var type in new[] { "ollama", "llama.cpp" })
        {
            var one = await MeasureAsync(type, 1, delay, runs);
            var four = await MeasureAsync(type, 4, delay, runs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type,-9} hosts answering after {delayMs} ms: 1 host median {one:F0} ms, 4 hosts median {four:F0} ms, ratio {four / one:F2}"));
        }

        return 0;
    }

    private static async Task<double> MeasureAsync(string type, int hosts, TimeSpan delay, int runs)
    {
        var servers = Enumerable.Range(0, hosts).Select(_ => new LoopbackHttpServer(Route, delay)).ToList();
        var folder = Path.Combine(Path.GetTempPath(), "agon-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var config = Path.Combine(folder, "config.json");
            var entries = servers.Select((s, i) => $$"""{"name":"h{{i}}","type":"{{type}}","url":"{{s.Url}}","models":[]}""");
            await File.WriteAllTextAsync(config, "{\"hosts\":[" + string.Join(",", entries) + "]}");
            await RunOnceAsync(config, folder);
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                var exit = await RunOnceAsync(config, folder);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (exit != 0)
                {
                    throw new InvalidOperationException($"list models exited {exit}");
                }
            }

            return StartupBenchmark.Median(times);
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<int> RunOnceAsync(string config, string folder)
    {
        var console = new AgonConsole(TextWriter.Null, TextWriter.Null, ConsoleCapabilities.Plain);
        var app = new AgonApp(new AgonServices(console, new BenchEnvironment(folder), TimeProvider.System));
        return app.RunAsync(["list", "models", "--config", config, "--log-file", Path.Combine(folder, "agon.log")], CancellationToken.None);
    }

    private static (byte[] Body, string ContentType) Route(string path) => path switch
    {
        "/api/tags" => (s_tags, "application/json"),
        "/api/ps" => (s_ps, "application/json"),
        "/props" => (s_props, "application/json"),
        _ => (s_models, "application/json"),
    };

    private sealed class BenchEnvironment(string folder) : IAgonEnvironment
    {
        public string? GetVariable(string name) => null;

        public string CurrentDirectory => folder;

        public string HomeDirectory => folder;
    }
}
