using System.Text.Json.Serialization;
using Agon.Metrics;

namespace Agon.Chat;

/// <summary>
/// One stage of an exported pipeline: its target, the parameters sent (each value's JSON), the server's and agon's
/// figures, the token counts, the output and its SHA-256, the text handed to it; <c>jsonValid</c> only when JSON was asked for.
/// </summary>
internal sealed record PipelineStageJson(
    int Stage, string Host, string Model, [property: JsonConverter(typeof(RawJsonValuesConverter))] IReadOnlyDictionary<string, string> Parameters,
    Dictionary<string, MetricJson?> Timings, PipelineTokensJson Tokens, string OutputSha256, string? HandOff, string Output, string? Error,
    bool Skipped, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? JsonValid)
{
    public static PipelineStageJson From(ChatOutcome s) => new(
        s.Stage ?? 0, s.Target.Host.Name, s.Target.Model, s.Parameters,
        MetricJson.From(s.Metrics), new PipelineTokensJson(s.Metrics.PromptTokens?.Value, s.Metrics.CompletionTokens?.Value),
        PipelineExport.Hash(s.Content), s.HandOff, s.Content, s.Error, s.Skipped, s.JsonValid);
}
