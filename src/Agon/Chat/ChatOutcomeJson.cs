using System.Text.Json.Serialization;
using Agon.Metrics;

namespace Agon.Chat;

/// <summary>
/// One target's result as scripts read it (<c>--output json</c>, ndjson <c>done</c>/<c>error</c>). <c>stage</c> only in a
/// pipeline; <c>toolCalls</c> (and with it <c>toolStop</c>, see <see cref="ChatJson"/>) only when the turn called tools
/// or its tool loop stopped; <c>sources</c> only with <c>--rag</c>; <c>skipped</c> only on a pipeline stage that never ran.
/// </summary>
internal sealed record ChatOutcomeJson(
    string Target, string Host, string Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Stage,
    string Content, string? Reasoning, string? FinishReason, bool? JsonValid, IReadOnlyList<string> JsonErrors, string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ToolCallJson>? ToolCalls, string? ToolStop,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Skipped,
    Dictionary<string, MetricJson?> Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Sources)
{
    public static ChatOutcomeJson From(ChatOutcome o) => new(
        o.Target.Label, o.Target.Host.Name, o.Target.Model, o.Stage,
        o.Content, o.Reasoning, o.FinishReason, o.JsonValid, o.JsonErrors, o.Error,
        o.ToolCalls.Count > 0 || o.ToolStop is not null ? [.. o.ToolCalls.Select(ToolCallJson.From)] : null, o.ToolStop,
        o.Skipped, MetricJson.From(o.Metrics), o.Sources);
}
