using System.Globalization;
using System.Text.Json;
using Agon.Chat;
using Agon.Terminal;

namespace Agon.Conversations;

/// <summary>The JSON shape of <c>agon history --json</c> and <c>agon history show ID --json</c>.</summary>
internal static class ConversationJson
{
    public static void WriteSummary(Utf8JsonWriter w, ConversationSummary s, bool close = true)
    {
        w.WriteStartObject();
        w.WriteNumber("id", s.Id);
        w.WriteString("created", s.Created.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("updated", s.Updated.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("mode", s.Mode);
        w.WriteStrings("targets", s.Targets);
        w.WriteString("firstPrompt", s.FirstPrompt);
        w.WriteNumber("turns", s.Turns);
        if (s.ParentId is { } parent)
        {
            w.WriteNumber("parent", parent);
        }
        else
        {
            w.WriteNull("parent");
        }

        if (close)
        {
            w.WriteEndObject();
        }
    }

    public static void WriteConversation(Utf8JsonWriter w, Conversation conversation)
    {
        WriteSummary(w, conversation.Summary, close: false);
        w.WriteStringOrNull("system", conversation.System);
        w.WriteStartArray("messages");
        foreach (var turn in conversation.Turns)
        {
            w.WriteStartObject();
            w.WriteString("time", turn.Time.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("role", turn.Role == ConversationRole.User ? "user" : "assistant");
            w.WriteStringOrNull("target", turn.Target);
            if (turn.Stage is { } stage)
            {
                w.WriteNumber("stage", stage);
            }

            w.WriteString("text", turn.Text);
            if (turn.Role == ConversationRole.Assistant)
            {
                w.WriteStringOrNull("reasoning", turn.Reasoning);
                w.WriteStringOrNull("system", turn.System);
                w.WriteStringOrNull("finishReason", turn.FinishReason);
                w.WriteStringOrNull("error", turn.Error);
                w.WriteBoolean("cancelled", turn.Cancelled);
                if (turn.JsonValid is { } valid)
                {
                    w.WriteBoolean("jsonValid", valid);
                }
                else
                {
                    w.WriteNull("jsonValid");
                }

                w.WriteStrings("jsonErrors", turn.JsonErrors);
                w.WriteStartObject("parameters");
                foreach (var (key, json) in turn.Parameters)
                {
                    w.WritePropertyName(key);
                    w.WriteRawValue(json);
                }

                w.WriteEndObject();
                w.WritePropertyName("metrics");
                ChatJson.WriteMetrics(w, turn.Metrics);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
