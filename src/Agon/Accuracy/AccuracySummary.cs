using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary>
/// One target's result over a suite (per RAG mode when a pass has one): pass@1 (the share of answers that passed,
/// over every run) with its spread across runs, the mean score, by category and difficulty, the JSON validity and
/// tool-call success rates (null when no test checks them), the median generation speed, and the failures.
/// </summary>
internal sealed record AccuracySummary
{
    [JsonPropertyName("target")] public required string Target { get; init; }
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("ragMode")] public string? RagMode { get; init; }
    [JsonPropertyName("runId")] public required string RunId { get; init; }
    [JsonPropertyName("answers")] public int Answers { get; init; }
    [JsonPropertyName("passed")] public int Passed { get; init; }
    [JsonPropertyName("failedRequests")] public int FailedRequests { get; init; }
    [JsonPropertyName("passAt1")] public double? PassAt1 { get; init; }
    [JsonPropertyName("passAt1Min")] public double? PassAt1Min { get; init; }
    [JsonPropertyName("passAt1Max")] public double? PassAt1Max { get; init; }
    [JsonPropertyName("passAt1StdDev")] public double? PassAt1StdDev { get; init; }
    [JsonPropertyName("score")] public double? Score { get; init; }
    [JsonPropertyName("byCategory")] public required Dictionary<string, double> ByCategory { get; init; }
    [JsonPropertyName("byDifficulty")] public required Dictionary<string, double> ByDifficulty { get; init; }
    [JsonPropertyName("jsonValidity")] public double? JsonValidity { get; init; }
    [JsonPropertyName("toolCallSuccess")] public double? ToolCallSuccess { get; init; }
    [JsonPropertyName("medianTokensPerSecond")] public double? MedianTokensPerSecond { get; init; }
    [JsonPropertyName("errorKinds")] public required Dictionary<string, int> ErrorKinds { get; init; }
    [JsonPropertyName("cancelled")] public bool Cancelled { get; init; }

    public static AccuracySummary Of(string host, string model, string runId, string? ragMode, IReadOnlyList<AccuracyRecord> records, bool cancelled)
    {
        var byRun = records.GroupBy(r => r.Run).Select(g => Share(g.ToList(), r => r.Score.Pass)!.Value).ToList();
        var mean = byRun.Count > 0 ? byRun.Average() : 0;
        var speeds = records.Where(r => r.Error is null).Select(r => r.Metrics.GenerationTokensPerSecond?.Value).OfType<double>().Order().ToList();
        return new AccuracySummary
        {
            Target = $"{host}/{model}",
            Host = host,
            Model = model,
            RagMode = ragMode,
            RunId = runId,
            Answers = records.Count,
            Passed = records.Count(r => r.Score.Pass),
            FailedRequests = records.Count(r => r.Error is not null),
            PassAt1 = Share(records, r => r.Score.Pass),
            PassAt1Min = byRun.Count > 1 ? Math.Round(byRun.Min(), 4) : null,
            PassAt1Max = byRun.Count > 1 ? Math.Round(byRun.Max(), 4) : null,
            PassAt1StdDev = byRun.Count > 1 ? Math.Round(Math.Sqrt(byRun.Sum(x => (x - mean) * (x - mean)) / (byRun.Count - 1)), 4) : null,
            Score = records.Count > 0 ? Math.Round(records.Average(r => r.Score.Score), 4) : null,
            ByCategory = records.GroupBy(r => r.Test.Category ?? "(none)", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Share(g.ToList(), r => r.Score.Pass)!.Value, StringComparer.Ordinal),
            ByDifficulty = records.Where(r => r.Test.Difficulty is not null)
                .GroupBy(r => r.Test.Difficulty!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Share(g.ToList(), r => r.Score.Pass)!.Value, StringComparer.Ordinal),
            JsonValidity = Share(records.Where(r => r.JsonValid is not null).ToList(), r => r.JsonValid == true),
            ToolCallSuccess = Share(records.Where(r => r.ToolCallOk is not null).ToList(), r => r.ToolCallOk == true),
            MedianTokensPerSecond = speeds.Count == 0 ? null : Math.Round(speeds.Count % 2 == 1 ? speeds[speeds.Count / 2] : (speeds[(speeds.Count / 2) - 1] + speeds[speeds.Count / 2]) / 2, 1),
            ErrorKinds = records.Where(r => r.ErrorKind is not null).GroupBy(r => r.ErrorKind!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Cancelled = cancelled,
        };
    }

    private static double? Share(IReadOnlyList<AccuracyRecord> records, Func<AccuracyRecord, bool> counts) =>
        records.Count == 0 ? null : Math.Round((double)records.Count(counts) / records.Count, 4);
}
