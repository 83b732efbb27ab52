using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Agon.Chat;

namespace Agon.Terminal;

/// <summary>Chat for scripts: one JSON object per line on stdout (<c>start</c>, <c>delta</c>, <c>done</c>, <c>error</c>, <c>note</c>), tagged with the target.</summary>
internal sealed class NdjsonChatView(IAgonConsole console) : IChatObserver
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void OnEvent(ChatEvent chatEvent)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteString("event", chatEvent.Kind.ToString().ToLowerInvariant());
            w.WriteString("target", chatEvent.Target.Label);
            if (chatEvent.Stage is { } stage)
            {
                w.WriteNumber("stage", stage);
            }

            switch (chatEvent.Kind)
            {
                case ChatEventKind.Delta:
                    w.WriteString("text", chatEvent.Text);
                    w.WriteBoolean("reasoning", chatEvent.Reasoning);
                    break;
                case ChatEventKind.Note:
                    w.WriteString("text", chatEvent.Text);
                    break;
                case ChatEventKind.Error:
                    w.WriteString("error", chatEvent.Outcome!.Error);
                    w.WriteString("partial", chatEvent.Outcome.Content);
                    w.WritePropertyName("result");
                    ChatJson.WriteOutcome(w, chatEvent.Outcome);
                    break;
                case ChatEventKind.Done:
                    w.WritePropertyName("result");
                    ChatJson.WriteOutcome(w, chatEvent.Outcome!);
                    break;
            }

            w.WriteEndObject();
        }

        console.WriteData(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
