using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Agon.Metrics;

namespace Agon.Chat;

/// <summary>
/// The JSON of chat outcomes and metrics, shared by <c>--output json</c>, ndjson events, exports and the stored
/// metrics: the records of <see cref="ChatJsonContext"/>, written into the caller's writer (its indentation and escaping).
/// </summary>
internal static class ChatJson
{
    /// <summary><c>toolStop</c> goes with <c>toolCalls</c>: both or neither, a null stop written as null.</summary>
    private static readonly JsonSerializerOptions s_options = new(ChatJsonContext.Default.Options)
    {
        TypeInfoResolver = ChatJsonContext.Default.WithAddedModifier(static type =>
        {
            if (type.Type == typeof(ChatOutcomeJson))
            {
                type.Properties.Single(p => p.Name == "toolStop").ShouldSerialize = static (outcome, _) => ((ChatOutcomeJson)outcome).ToolCalls is not null;
            }
        }),
    };

    private static readonly JsonTypeInfo<ChatOutcomeJson> s_outcome = (JsonTypeInfo<ChatOutcomeJson>)s_options.GetTypeInfo(typeof(ChatOutcomeJson));

    private static readonly JsonTypeInfo<ChatRunJson> s_run = (JsonTypeInfo<ChatRunJson>)s_options.GetTypeInfo(typeof(ChatRunJson));

    public static void WriteRun(Utf8JsonWriter w, ChatMode mode, string prompt, IReadOnlyList<ChatOutcome> outcomes) =>
        JsonSerializer.Serialize(w, new ChatRunJson(mode.ToString().ToLowerInvariant(), prompt, [.. outcomes.Select(ChatOutcomeJson.From)]), s_run);

    public static void WriteOutcome(Utf8JsonWriter w, ChatOutcome outcome) => JsonSerializer.Serialize(w, ChatOutcomeJson.From(outcome), s_outcome);

    public static void WriteMetrics(Utf8JsonWriter w, ResponseMetrics metrics) =>
        JsonSerializer.Serialize(w, MetricJson.From(metrics), ChatJsonContext.Default.DictionaryStringMetricJson);

    public static void WriteToolCall(Utf8JsonWriter w, Mcp.ToolActivity call) => JsonSerializer.Serialize(w, ToolCallJson.From(call), ChatJsonContext.Default.ToolCallJson);
}
