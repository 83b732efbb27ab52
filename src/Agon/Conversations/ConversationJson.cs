using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Agon.Conversations;

/// <summary>
/// The JSON of <c>agon history --json</c> and <c>agon history show ID --json</c>: the records of
/// <see cref="ConversationJsonContext"/>, written into the caller's writer (its indentation and escaping).
/// </summary>
internal static class ConversationJson
{
    /// <summary>A question has only time, role, target, stage and text; an answer has every member, nulls included.</summary>
    private static readonly JsonSerializerOptions s_options = new(ConversationJsonContext.Default.Options)
    {
        TypeInfoResolver = ConversationJsonContext.Default.WithAddedModifier(static type =>
        {
            if (type.Type == typeof(ConversationMessageJson))
            {
                var answerOnly = false;
                foreach (var property in type.Properties)
                {
                    answerOnly |= property.Name == ConversationMessageJson.FirstAnswerMember;
                    if (answerOnly)
                    {
                        property.ShouldSerialize = static (message, _) => ((ConversationMessageJson)message).Role == "assistant";
                    }
                }
            }
        }),
    };

    private static readonly JsonTypeInfo<List<ConversationSummaryJson>> s_summaries =
        (JsonTypeInfo<List<ConversationSummaryJson>>)s_options.GetTypeInfo(typeof(List<ConversationSummaryJson>));

    private static readonly JsonTypeInfo<ConversationDocumentJson> s_document =
        (JsonTypeInfo<ConversationDocumentJson>)s_options.GetTypeInfo(typeof(ConversationDocumentJson));

    public static void WriteSummaries(Utf8JsonWriter w, IEnumerable<ConversationSummary> conversations) =>
        JsonSerializer.Serialize(w, [.. conversations.Select(ConversationSummaryJson.From)], s_summaries);

    public static void WriteConversation(Utf8JsonWriter w, Conversation conversation) =>
        JsonSerializer.Serialize(w, ConversationDocumentJson.From(conversation), s_document);
}
