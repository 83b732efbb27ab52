using System.Text.Json.Serialization;
using Agon.Metrics;

namespace Agon.Chat;

/// <summary>One target's result as scripts read it (<c>--output json</c>, ndjson <c>done</c>/<c>error</c>).</summary>
internal sealed record ChatOutcomeJson
{
    public required string Target { get; init; }

    public required string Host { get; init; }

    public required string Model { get; init; }

    /// <summary>Only in a pipeline.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Stage { get; init; }

    public required string Content { get; init; }

    public string? Reasoning { get; init; }

    public string? FinishReason { get; init; }

    public bool? JsonValid { get; init; }

    public required IReadOnlyList<string> JsonErrors { get; init; }

    public string? Error { get; init; }

    /// <summary>Only when the turn called tools (or its tool loop stopped); then <see cref="ToolStop"/> is written too.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCallJson>? ToolCalls { get; init; }

    /// <summary>Written, null or not, exactly when <see cref="ToolCalls"/> is (see <see cref="ChatJson"/>).</summary>
    public string? ToolStop { get; init; }

    /// <summary>Only on a pipeline stage that never ran.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Skipped { get; init; }

    public required Dictionary<string, MetricJson?> Metrics { get; init; }

    public static ChatOutcomeJson From(ChatOutcome outcome) => new()
    {
        Target = outcome.Target.Label,
        Host = outcome.Target.Host.Name,
        Model = outcome.Target.Model,
        Stage = outcome.Stage,
        Content = outcome.Content,
        Reasoning = outcome.Reasoning,
        FinishReason = outcome.FinishReason,
        JsonValid = outcome.JsonValid,
        JsonErrors = outcome.JsonErrors,
        Error = outcome.Error,
        ToolCalls = outcome.ToolCalls.Count > 0 || outcome.ToolStop is not null ? [.. outcome.ToolCalls.Select(ToolCallJson.From)] : null,
        ToolStop = outcome.ToolStop,
        Skipped = outcome.Skipped,
        Metrics = MetricJson.From(outcome.Metrics),
    };
}
