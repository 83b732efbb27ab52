using System.Text.Json;
using Agon.Metrics;
using Agon.Storage;
using static Agon.Imports.ImportValues;

namespace Agon.Imports;

/// <summary>
/// agon's running statistics (<c>reports/data/model_performance_metrics.json</c>): an array with one entry per
/// model, its overall figures and one set per input-token bucket, each figure a mean with min and max. They are
/// summaries, not responses: each becomes one <see cref="ResponseKind.Summary"/> row holding the means and how
/// many responses they stand for. The file is keyed by model only, so the rows take the host given to the import.
/// </summary>
internal static class MetricsFileReader
{
    public static bool Matches(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0
        && root.EnumerateArray().All(e => Property(e, "overall_stats", "overallStats") is not null);

    public static ImportedFile Read(string path, JsonElement root, string host, DateTimeOffset fileTime)
    {
        var records = new List<ResponseRecord>();
        foreach (var entry in root.EnumerateArray())
        {
            var model = Text(entry, "model_name", "modelName", "model", "name")
                ?? throw Unreadable(path, "an entry has no model_name");
            records.Add(Row(path, host, model, "overall", Property(entry, "overall_stats", "overallStats")!.Value, fileTime));
            if (Property(entry, "performance_buckets", "performanceBuckets") is { ValueKind: JsonValueKind.Object } buckets)
            {
                foreach (var bucket in buckets.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Object))
                {
                    records.Add(Row(path, host, model, "input tokens " + bucket.Name, bucket.Value, fileTime));
                }
            }
        }

        return new ImportedFile(path, ImportFormat.MetricsFile, records, []);
    }

    private static ResponseRecord Row(string path, string host, string model, string phase, JsonElement stats, DateTimeOffset fileTime) => new()
    {
        Time = fileTime,
        Kind = ResponseKind.Summary,
        Host = host,
        Model = model,
        Phase = phase,
        Origin = path,
        Summarised = (long?)Number(stats, "total_requests", "totalRequests"),
        ImportKey = Key(ImportFormat.MetricsFile, model, phase + "\n" + stats.GetRawText()),
        Metrics = new ResponseMetrics
        {
            // agon's TTFT is wall time to the first chunk; its speed is eval_count / eval_duration (Ollama's).
            TtftMs = Mean(stats, "ttft_ms", MetricSource.Client),
            GenerationTokensPerSecond = Mean(stats, "tokens_per_second", MetricSource.Server),
            PromptTokens = Mean(stats, "input_tokens", MetricSource.Server),
            CompletionTokens = Mean(stats, "output_tokens", MetricSource.Server),
            TotalMs = Mean(stats, "total_duration_ms", MetricSource.Server),
        },
    };

    private static Metric? Mean(JsonElement stats, string name, MetricSource source) =>
        Property(stats, name) is { } stat && Number(stat, "mean", "Mean", "avg") is > 0 and var mean ? new Metric(mean, source) : null;
}
