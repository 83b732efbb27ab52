using System.Globalization;
using System.Text.Json;
using Agon.Benchmarks;
using Agon.Metrics;
using Agon.Storage;
using static Agon.Imports.ImportValues;

namespace Agon.Imports;

/// <summary>
/// agon's benchmark output: a map keyed by model, each with its iterations. Durations are nanoseconds; TTFT and
/// the speed (output tokens over the whole wall time) were measured by agon, so they are client figures. The file
/// names no host (agon ran one model per host), so the rows take the one given to the import.
/// </summary>
internal static class BenchmarkJsonReader
{
    private const double NanosecondsPerMs = 1_000_000;

    public static bool Matches(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Any()
        && root.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object && (Property(p.Value, "iterations") is not null || Property(p.Value, "averageStats") is not null));

    public static ImportedFile Read(string path, JsonElement root, string host, DateTimeOffset fileTime)
    {
        var records = new List<ResponseRecord>();
        var runs = new List<BenchmarkRunRecord>();
        foreach (var entry in root.EnumerateObject())
        {
            var model = Text(entry.Value, "modelName") ?? entry.Name;
            var iterations = Property(entry.Value, "iterations") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];
            var runId = "agon-" + Key(ImportFormat.Benchmark, model, entry.Value.GetRawText())[..24];
            runs.Add(new BenchmarkRunRecord
            {
                RunId = runId,
                Started = fileTime,
                Finished = fileTime,
                Subject = new BenchmarkSubject { Host = host, Model = model },
                AgonVersion = "agon (imported)",
                PromptTokens = 0,
                GenerateTokens = 0,
                Runs = (int?)Number(entry.Value, "benchmarkCount") ?? iterations.Count,
            });
            for (var i = 0; i < iterations.Count; i++)
            {
                var stats = Property(iterations[i], "stats") ?? iterations[i];
                records.Add(new ResponseRecord
                {
                    Time = fileTime.AddMilliseconds(i),
                    Kind = ResponseKind.Benchmark,
                    Host = host,
                    Model = model,
                    RunId = runId,
                    Phase = BenchmarkPhase.Run,
                    Origin = path,
                    ImportKey = Key(ImportFormat.Benchmark, model, string.Create(CultureInfo.InvariantCulture, $"{runId}\n{i}")),
                    Metrics = new ResponseMetrics
                    {
                        TotalMs = Duration(stats, "totalExecutionTime"),
                        TtftMs = Duration(stats, "timeToFirstToken"),
                        GenerationTokensPerSecond = Number(stats, "tokensPerSecond") is > 0 and var tps ? Metric.Client(tps) : null,
                        PromptTokens = Number(stats, "inputTokenCount") is > 0 and var input ? Metric.Server(input) : null,
                        CompletionTokens = Number(stats, "outputTokenCount") is > 0 and var output ? Metric.Server(output) : null,
                    },
                });
            }
        }

        return new ImportedFile(path, ImportFormat.Benchmark, records, runs);
    }

    private static Metric? Duration(JsonElement stats, string name) =>
        Number(stats, name) is > 0 and var ns ? Metric.Client(ns / NanosecondsPerMs) : null;
}
