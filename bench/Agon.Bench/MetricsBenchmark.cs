using System.Diagnostics;
using System.Globalization;
using System.Text;
using Agon.Benchmarks;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Hosts.LlamaCpp;
using Agon.Metrics;
using Agon.Reports;
using Agon.Storage;

namespace Agon.Bench;

/// <summary>
/// "overhead": <c>agon benchmark</c>'s procedure against a loopback llama-server that answers at once (single-model
/// mode, a fixed tokenizer answer, a 128-token stream with timings), so the client's whole time per run is Agon's
/// cost plus loopback — an upper bound of the time outside the server's <c>timings</c>.
/// "report": seeds a database with N rows (default 100,000) and times the analysis plus the HTML rendering.
/// </summary>
internal static class MetricsBenchmark
{
    public static async Task<int> OverheadAsync(int runs)
    {
        var tokens = "{\"tokens\":[" + string.Join(",", Enumerable.Range(0, 512).Select(i => $"{{\"id\":{i},\"piece\":\" w{i}\"}}")) + "]}";
        var stream = new StringBuilder();
        stream.Append("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],\"object\":\"chat.completion.chunk\"}\n\n");
        for (var i = 0; i < 128; i++)
        {
            stream.Append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"}}],\"object\":\"chat.completion.chunk\"}\n\n");
        }

        stream.Append("data: {\"choices\":[],\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":128,\"prompt_tokens\":512},\"timings\":{\"cache_n\":0,\"prompt_n\":512,\"prompt_ms\":0,\"predicted_n\":128,\"predicted_ms\":0}}\n\ndata: [DONE]\n\n");
        var sse = Encoding.UTF8.GetBytes(stream.ToString());
        using var server = new LoopbackHttpServer(path => path switch
        {
            "/props" => ("{\"role\":\"single\",\"build_info\":\"bench\",\"model_path\":\"/m/bench.gguf\"}"u8.ToArray(), "application/json"),
            "/models" or "/v1/models" => ("{\"data\":[{\"id\":\"bench\",\"object\":\"model\"}],\"object\":\"list\"}"u8.ToArray(), "application/json"),
            "/tokenize" => (Encoding.UTF8.GetBytes(tokens), "application/json"),
            _ => (sse, "text/event-stream"),
        });
        var config = new HostConfig { Name = "bench", Type = HostType.LlamaCpp, Url = server.Url, Timeout = TimeSpan.FromMinutes(1) };
        var factory = new HostHttpClientFactory(new NullLog(), TimeProvider.System, null);
        await using var host = new LlamaCppHost(config, factory.Create(config), TimeProvider.System);
        var runner = new BenchmarkRunner(TimeProvider.System, null);
        var options = new BenchmarkOptions { Runs = runs, Warmups = 3, Cold = false, PromptTokens = 512, GenerateTokens = 128 };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var results = await runner.RunAsync([new ChatTarget(host, "bench")], options, new NullObserver(), CancellationToken.None);
        var cpuPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (runs + options.Warmups);
        var result = results[0];
        if (result.Error is not null || result.Runs.Any(r => r.Error is not null))
        {
            Console.Error.WriteLine(result.Error ?? result.Runs.First(r => r.Error is not null).Error);
            return 1;
        }

        var outside = result.Runs.Select(r => r.Metrics.TotalMs!.Value.Value - (r.Metrics.PromptMs?.Value ?? 0) - (r.Metrics.GenerationMs?.Value ?? 0)).ToList();
        var s = SampleStatistics.Of(outside)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"benchmark run outside the server's timings (pp512/tg128 stream over loopback, {s.N} runs after 3 warm-ups): median {s.Median:F3} ms  p95 {s.P95:F3} ms  min {s.Min:F3} ms  max {s.Max:F3} ms"));

        // Wall time suffers on a busy machine; CPU time does not wait in the run queue (client and loopback server both count).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process CPU per request (Agon and the loopback server, the tokenizer requests included): {cpuPerRequest:F3} ms; load average {LoadAverage()}"));
        return 0;
    }

    public static int Report(int rows)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agon-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "agon.db");
            using var db = AgonDatabase.Open(path);
            var store = new ResponseStore(db);
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var random = new Random(42);
            string[] hosts = ["gpu", "mini", "pi5", "pi4"];
            string[] models = ["qwen3:8b", "llama3.2", "phi4", "gemma3:4b", "stories260K"];
            var watch = Stopwatch.StartNew();
            store.AppendMany(Enumerable.Range(0, rows).Select(i =>
            {
                var host = hosts[i % hosts.Length];
                var model = models[i / hosts.Length % models.Length];
                var run = i / 20;
                return new ResponseRecord
                {
                    Time = start.AddMinutes(i),
                    Kind = ResponseKind.Benchmark,
                    Host = host,
                    Backend = "router",
                    Model = model,
                    Quantization = "Q4_K_M",
                    RunId = $"{host}-{model}-{run}",
                    Phase = BenchmarkPhase.Run,
                    Metrics = new ResponseMetrics
                    {
                        TtftMs = Metric.Client(100 + random.NextDouble() * 20),
                        PromptTokensPerSecond = Metric.Server(500 + random.NextDouble() * 50),
                        GenerationTokensPerSecond = Metric.Server(40 + random.NextDouble() * 5),
                        CompletionTokens = Metric.Server(128),
                        TotalMs = Metric.Client(3000),
                    },
                };
            }), CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {rows} rows in {watch.Elapsed.TotalMilliseconds:F0} ms"));

            watch.Restart();
            var count = store.Read(new ResponseFilter(), CancellationToken.None).Count();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reading {count} rows alone: {watch.Elapsed.TotalMilliseconds:F0} ms"));
            var times = new List<double>();
            var cpuTimes = new List<double>();
            var size = 0;
            for (var i = 0; i < 6; i++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                watch.Restart();
                var analysis = MetricsAnalyzer.Analyze(store, new ResponseFilter(), DateTimeOffset.UtcNow, CancellationToken.None);
                var analyzed = watch.Elapsed.TotalMilliseconds;
                var html = HtmlReport.Render(analysis);
                var elapsed = watch.Elapsed.TotalMilliseconds;
                size = Encoding.UTF8.GetByteCount(html);
                if (i > 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  analyze {analyzed:F0} ms, render {elapsed - analyzed:F0} ms"));
                    times.Add(elapsed);
                    cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                }
            }

            var s = SampleStatistics.Of(times)!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"analyze + render {rows} rows: median {s.Median:F0} ms  min {s.Min:F0} ms  max {s.Max:F0} ms (5 runs after 1 warm-up); report {size} bytes"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"process CPU for analyze + render: median {SampleStatistics.Of(cpuTimes)!.Median:F0} ms; load average {LoadAverage()}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The 1-minute load average (Linux), so a figure taken on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private sealed class NullLog : Agon.Diagnostics.IAgonLog
    {
        public string Path => "none";

        public bool IncludeBodies => false;

        public void Write(string line)
        {
        }
    }

    private sealed class NullObserver : IBenchmarkObserver
    {
        public void OnProgress(string host, string model, string step, double fraction)
        {
        }

        public void OnResult(BenchmarkResult result)
        {
        }
    }
}
