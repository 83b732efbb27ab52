using System.Text.Json.Serialization;
using Agon.Chat;
using Agon.Metrics;

namespace Agon.Conversations;

/// <summary>
/// One message of a saved conversation. <c>stage</c> only in a pipeline; the members from <c>reasoning</c> on only on
/// an answer, nulls included (see <see cref="ConversationJson"/>); <c>parameters</c> hold each value's JSON as sent.
/// </summary>
internal sealed record ConversationMessageJson(
    string Time, string Role, string? Target, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Stage, string Text,
    string? Reasoning, string? System, string? FinishReason, string? Error, bool Cancelled, bool? JsonValid, IReadOnlyList<string> JsonErrors,
    [property: JsonConverter(typeof(RawJsonValuesConverter))] IReadOnlyDictionary<string, string> Parameters, Dictionary<string, MetricJson?>? Metrics)
{
    /// <summary>The first member only an answer has.</summary>
    public const string FirstAnswerMember = "reasoning";

    public static ConversationMessageJson From(ConversationTurn t) => new(
        ConversationSummaryJson.Stamp(t.Time), t.Role == ConversationRole.User ? "user" : "assistant", t.Target, t.Stage, t.Text,
        t.Reasoning, t.System, t.FinishReason, t.Error, t.Cancelled, t.JsonValid, t.JsonErrors, t.Parameters,
        t.Role == ConversationRole.User ? null : MetricJson.From(t.Metrics));
}
