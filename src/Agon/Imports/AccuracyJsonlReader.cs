using System.Globalization;
using System.Text.Json;
using Agon.Metrics;
using Agon.Storage;
using static Agon.Imports.ImportValues;

namespace Agon.Imports;

/// <summary>
/// agon's accuracy results: one JSON object per line with the host, model, whether the answer was right and the
/// Ollama-derived figures (TTFT = load + prompt evaluation, generation rate = eval_count / eval_duration: all server).
/// </summary>
internal static class AccuracyJsonlReader
{
    /// <summary>Whether a parsed object looks like one of its lines.</summary>
    public static bool Matches(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && Property(root, "promptId", "prompt_id") is not null && Property(root, "correct") is not null;

    public static ImportedFile Read(string path, IReadOnlyList<string> lines, string host, DateTimeOffset fileTime)
    {
        var records = new List<ResponseRecord>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                throw Unreadable(path, string.Create(CultureInfo.InvariantCulture, $"line {i + 1} is not JSON"));
            }

            using (document)
            {
                var root = document.RootElement;
                if (!Matches(root) || Text(root, "model") is not { } model)
                {
                    throw Unreadable(path, string.Create(CultureInfo.InvariantCulture, $"line {i + 1} is not an accuracy result (it needs model, promptId and correct)"));
                }

                records.Add(Record(path, root, line, model, host, fileTime));
            }
        }

        return new ImportedFile(path, ImportFormat.Accuracy, records, []);
    }

    private static ResponseRecord Record(string path, JsonElement root, string line, string model, string host, DateTimeOffset fileTime)
    {
        var time = Text(root, "timestamp") is { } stamp
            && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : fileTime;
        string? error = null;
        if (Flag(root, "deadlineExceeded") == true)
        {
            error = Number(root, "deadlineTimeout") is { } seconds
                ? string.Create(CultureInfo.InvariantCulture, $"deadline of {seconds:0} s exceeded")
                : "deadline exceeded";
        }

        return new ResponseRecord
        {
            Time = time,
            Kind = ResponseKind.Accuracy,
            Host = Text(root, "host") ?? host,
            Model = model,
            Correct = Flag(root, "correct"),
            Error = error,
            Origin = path,
            ImportKey = Key(ImportFormat.Accuracy, model, line),
            Metrics = new ResponseMetrics
            {
                TtftMs = Positive(root, "time_to_first_token"),
                GenerationTokensPerSecond = Positive(root, "tokens_per_second"),
                PromptTokens = Positive(root, "input_tokens"),
                CompletionTokens = Positive(root, "output_tokens"),
                TotalMs = Positive(root, "total_duration_ms"),
            },
        };
    }

    /// <summary>agon wrote 0 for a figure it did not get; that is unknown, not zero.</summary>
    private static Metric? Positive(JsonElement root, string name) => Number(root, name) is > 0 and var value ? Metric.Server(value) : null;
}
