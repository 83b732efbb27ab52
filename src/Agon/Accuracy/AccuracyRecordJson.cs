using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Agon.Hosts;
using Agon.Metrics;

namespace Agon.Accuracy;

/// <summary>
/// One line of <c>accuracy/results/&lt;model&gt;.jsonl</c>: agon's field names first (so agon's analysis and
/// <c>agon import metrics</c> read it), agon's RAG fields when a pass has a RAG mode, then Agon's own: the target,
/// run, category, score and each assertion, the error and its kind, and every metric with its source.
/// </summary>
internal sealed class AccuracyRecordJson
{
    [JsonPropertyName("timestamp")] public required string Timestamp { get; init; }
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("promptId")] public required JsonElement PromptId { get; init; }
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }
    [JsonPropertyName("expectedAnswer")] public JsonElement? ExpectedAnswer { get; init; }
    [JsonPropertyName("response")] public required string Response { get; init; }
    [JsonPropertyName("correct")] public bool Correct { get; init; }
    [JsonPropertyName("marginOfError")] public decimal MarginOfError { get; init; }
    [JsonPropertyName("difficulty")] public double? Difficulty { get; init; }
    [JsonPropertyName("time_to_first_token")] public double? TimeToFirstToken { get; init; }
    [JsonPropertyName("tokens_per_second")] public double? TokensPerSecond { get; init; }
    [JsonPropertyName("input_tokens")] public double? InputTokens { get; init; }
    [JsonPropertyName("output_tokens")] public double? OutputTokens { get; init; }
    [JsonPropertyName("total_duration_ms")] public double? TotalDurationMs { get; init; }
    [JsonPropertyName("deadlineExceeded")] public bool DeadlineExceeded { get; init; }
    [JsonPropertyName("deadlineTimeout")] public double DeadlineTimeout { get; init; }
    [JsonPropertyName("rag_mode")] public string? RagMode { get; init; }
    [JsonPropertyName("retrieval_ms")] public double? RetrievalMs { get; init; }
    [JsonPropertyName("context_tokens")] public int? ContextTokens { get; init; }
    [JsonPropertyName("top_k")] public int? TopK { get; init; }
    [JsonPropertyName("source_coverage")] public int? SourceCoverage { get; init; }
    [JsonPropertyName("citations_used")] public bool? CitationsUsed { get; init; }
    [JsonPropertyName("target")] public required string Target { get; init; }
    [JsonPropertyName("runId")] public required string RunId { get; init; }
    [JsonPropertyName("run")] public int Run { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("score")] public double Score { get; init; }
    [JsonPropertyName("threshold")] public double? Threshold { get; init; }
    [JsonPropertyName("assertions")] public required List<AssertionResultJson> Assertions { get; init; }
    [JsonPropertyName("jsonValid")] public bool? JsonValid { get; init; }
    [JsonPropertyName("toolCallOk")] public bool? ToolCallOk { get; init; }
    [JsonPropertyName("toolCalls")] public List<string>? ToolCalls { get; init; }
    [JsonPropertyName("reasoning")] public string? Reasoning { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("errorKind")] public string? ErrorKind { get; init; }
    [JsonPropertyName("metrics")] public required Dictionary<string, MetricJson> Metrics { get; init; }

    public static AccuracyRecordJson From(AccuracyRecord r) => new()
    {
        Timestamp = r.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture),
        Host = r.Host,
        Model = r.Model,
        PromptId = Literal(r.Test.Id),
        Prompt = r.Test.Prompt,
        ExpectedAnswer = r.Test.ExpectedText is { } text ? (r.Test.ExpectedNumber is not null ? Literal(text) : Quoted(text)) : null,
        Response = r.Response,
        Correct = r.Score.Pass,
        MarginOfError = r.Test.MarginOfError,
        Difficulty = r.Test.Difficulty,
        TimeToFirstToken = Round(r.Metrics.TtftMs),
        TokensPerSecond = Round(r.Metrics.GenerationTokensPerSecond),
        InputTokens = r.Metrics.PromptTokens?.Value,
        OutputTokens = r.Metrics.CompletionTokens?.Value,
        TotalDurationMs = Round(r.Metrics.TotalMs),
        DeadlineExceeded = r.ErrorKind == HostFailure.Timeout,
        DeadlineTimeout = r.Timeout.TotalSeconds,
        RagMode = r.RagMode,
        RetrievalMs = r.Retrieval?.RetrievalMs,
        ContextTokens = r.Retrieval?.ContextTokens,
        TopK = r.Retrieval?.TopK,
        SourceCoverage = r.Retrieval?.SourceCoverage,
        CitationsUsed = r.Retrieval is { } retrieval ? retrieval.CitesAny(r.Response) : null,
        Target = r.Label,
        RunId = r.RunId,
        Run = r.Run,
        Category = r.Test.Category,
        Score = r.Score.Score,
        Threshold = r.Test.Threshold,
        Assertions = [.. r.Score.Results.Select(a => new AssertionResultJson(a.Type, a.Pass, a.Weight, a.Measured, a.Error))],
        JsonValid = r.Score.JsonValid,
        ToolCallOk = r.Score.ToolCallOk,
        ToolCalls = r.ToolCalls.Count > 0 ? [.. r.ToolCalls.Select(t => t.Name)] : null,
        Reasoning = r.Reasoning,
        Error = r.Error,
        ErrorKind = r.ErrorKind,
        Metrics = r.Metrics.All().Where(m => m.Value is not null)
            .ToDictionary(m => m.Name, m => new MetricJson(Math.Round(m.Value!.Value.Value, 3), m.Value.Value.Source == MetricSource.Server ? "server" : "client"), StringComparer.Ordinal),
    };

    private static double? Round(Metric? metric) => metric is { } m ? Math.Round(m.Value, 1) : null;

    /// <summary>A number stays a number (agon wrote ids and answers as numbers); anything else is a JSON string.</summary>
    private static JsonElement Literal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.Contains(' ', StringComparison.Ordinal) ? Parse(text) : Quoted(text);

    private static JsonElement Quoted(string text) => Parse("\"" + JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"");

    private static JsonElement Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Quoted(json);
        }
    }
}
