using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Agon.Chat;

namespace Agon.Terminal;

/// <summary>Chat for scripts: one JSON object per line on stdout (<c>start</c>, <c>delta</c>, <c>tool_call</c>, <c>tool_result</c>, <c>done</c>, <c>error</c>, <c>note</c>), tagged with the target.</summary>
internal sealed class NdjsonChatView(IAgonConsole console) : IChatObserver
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and one writer for every event (thousands a second while a model streams); events arrive one at a
    // time per target, but compare runs targets in parallel, hence the lock.
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter? _writer;

    public void OnEvent(ChatEvent chatEvent)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            var w = _writer ??= new Utf8JsonWriter(_buffer, s_options);
            w.Reset(_buffer);
            Write(w, chatEvent);
            w.Flush();
            console.WriteData(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        }
    }

    private static string EventName(ChatEventKind kind) => kind switch
    {
        ChatEventKind.Start => "start",
        ChatEventKind.Delta => "delta",
        ChatEventKind.Done => "done",
        ChatEventKind.Error => "error",
        ChatEventKind.Note => "note",
        ChatEventKind.ToolCall => "tool_call",
        ChatEventKind.ToolResult => "tool_result",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static void Write(Utf8JsonWriter w, ChatEvent chatEvent)
    {
        w.WriteStartObject();
        w.WriteString("event", EventName(chatEvent.Kind));
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
            case ChatEventKind.ToolCall or ChatEventKind.ToolResult:
                w.WritePropertyName("tool");
                ChatJson.WriteToolCall(w, chatEvent.Tool!);
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
}
