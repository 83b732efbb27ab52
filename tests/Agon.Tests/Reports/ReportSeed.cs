using Agon.Metrics;
using Agon.Storage;

namespace Agon.Tests.Reports;

/// <summary>A database with a small history: three benchmarks of gpu/qwen3 (the last one slower), one of pi/qwen3, one of pi/phi4, and accuracy answers.</summary>
internal static class ReportSeed
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static string Create(FakeEnvironment env)
    {
        var path = Path.Combine(env.Root, "agon.db");
        using var db = AgonDatabase.Open(path);
        var store = new ResponseStore(db);
        Benchmark(store, "gpu", "qwen3:8b", Start, [50, 52, 51]);
        Benchmark(store, "gpu", "qwen3:8b", Start.AddDays(7), [49, 50, 51]);
        Benchmark(store, "gpu", "qwen3:8b", Start.AddDays(14), [30, 31, 29]);
        Benchmark(store, "pi", "qwen3:8b", Start.AddDays(14), [5, 6, 5.5]);
        Benchmark(store, "pi", "phi4", Start.AddDays(14), [9, 10, 11]);
        for (var i = 0; i < 10; i++)
        {
            Answer(store, "gpu", "qwen3:8b", Start.AddDays(15), correct: i < 8);
            Answer(store, "pi", "phi4", Start.AddDays(15), correct: i < 9);
            Answer(store, "pi", "qwen3:8b", Start.AddDays(15), correct: i < 5);
        }

        return path;
    }

    private static void Benchmark(ResponseStore store, string host, string model, DateTimeOffset time, double[] generation)
    {
        var runId = $"{host}-{model}-{time:yyyyMMdd}";
        store.SaveBenchmark(new BenchmarkRunRecord { RunId = runId, Started = time, Subject = new BenchmarkSubject { Host = host, Model = model, Backend = "router" }, PromptTokens = 512, GenerateTokens = 128, Runs = generation.Length });
        store.Append(Row(host, model, time, runId, "cold", new ResponseMetrics { LoadMs = Metric.Client(1500) }));
        for (var i = 0; i < generation.Length; i++)
        {
            store.Append(Row(host, model, time.AddSeconds(i + 1), runId, "run", new ResponseMetrics
            {
                GenerationTokensPerSecond = Metric.Server(generation[i]),
                PromptTokensPerSecond = Metric.Server(generation[i] * 10),
                TtftMs = Metric.Client(100 + i),
            }));
        }
    }

    private static void Answer(ResponseStore store, string host, string model, DateTimeOffset time, bool correct) =>
        store.Append(new ResponseRecord
        {
            Time = time,
            Kind = ResponseKind.Accuracy,
            Host = host,
            Model = model,
            Correct = correct,
            Metrics = new ResponseMetrics { GenerationTokensPerSecond = Metric.Server(1) },
        });

    private static ResponseRecord Row(string host, string model, DateTimeOffset time, string runId, string phase, ResponseMetrics metrics) => new()
    {
        Time = time,
        Kind = ResponseKind.Benchmark,
        Host = host,
        Backend = "router",
        Model = model,
        Quantization = "Q4_K_M",
        RunId = runId,
        Phase = phase,
        Metrics = metrics,
    };
}
