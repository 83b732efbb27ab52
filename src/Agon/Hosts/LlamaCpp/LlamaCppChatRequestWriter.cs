using System.Buffers;
using System.Text.Json;
using Agon.Configuration;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// Writes the body of <c>POST /v1/chat/completions</c> from Microsoft.Extensions.AI messages and options,
/// including llama.cpp's own sampling keys (<c>top_k</c>, <c>min_p</c>, …) that OpenAI SDKs drop.
/// </summary>
internal static class LlamaCppChatRequestWriter
{
    /// <summary>Keys that never go to llama-server: Ollama-only, or managed by Agon itself.</summary>
    private static readonly HashSet<string> s_notForLlamaCpp = new(
        SamplingParameters.All.Where(p => p.LlamaCpp is null).Select(p => p.Key).Concat(["keep_alive", "num_gpu", "num_thread"]), StringComparer.Ordinal);

    public static byte[] Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            WriteMessages(w, messages);
            if (stream)
            {
                w.WriteBoolean("stream", true);
                w.WriteStartObject("stream_options");
                w.WriteBoolean("include_usage", true);
                w.WriteEndObject();
            }

            if (options is not null)
            {
                WriteOptions(w, options, native: false);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The body of native <c>POST /completion</c> (<c>--raw</c>): the prompt as it is, the same sampling keys,
    /// the length limit as <c>n_predict</c> and a JSON schema as <c>json_schema</c>.
    /// </summary>
    public static byte[] WriteCompletion(string model, string prompt, ChatOptions? options, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteString("prompt", prompt);
            if (options is not null)
            {
                WriteOptions(w, options, native: true);
            }

            if (stream)
            {
                w.WriteBoolean("stream", true);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessages(Utf8JsonWriter w, IEnumerable<ChatMessage> messages)
    {
        w.WriteStartArray("messages");
        foreach (var message in messages)
        {
            if (w.WriteToolResults(message))
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("role", message.Role.Value);
            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0 && text.Length == 0)
            {
                w.WriteNull("content");
            }
            else
            {
                w.WriteString("content", text);
            }

            if (calls.Count > 0)
            {
                w.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    w.WriteStartObject();
                    w.WriteString("id", call.CallId);
                    w.WriteString("type", "function");
                    w.WriteStartObject("function");
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", JsonWriterExtensions.ToolArgumentsJson(call.Arguments));
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The schema asked for, or any JSON object when JSON mode gave none.</summary>
    private static void WriteSchema(Utf8JsonWriter w, JsonElement? schema)
    {
        if (schema is { } given)
        {
            given.WriteTo(w);
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteEndObject();
    }

    /// <summary>The parameter's name in the chat body, or in the native <c>/completion</c> body.</summary>
    private static string Name(SamplingParameter parameter, bool native) => (native ? parameter.LlamaCppCompletion : parameter.LlamaCpp)!;

    private static void WriteOptions(Utf8JsonWriter w, ChatOptions options, bool native)
    {
        foreach (var (parameter, value) in SamplingParameters.SetIn(options))
        {
            w.WritePropertyName(Name(parameter, native));
            w.WriteLooseValue(value);
        }

        if (options.AdditionalProperties is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                if (!s_notForLlamaCpp.Contains(key) && !key.StartsWith("agon.", StringComparison.Ordinal))
                {
                    w.WritePropertyName(SamplingParameters.WithKey(key)?.LlamaCpp ?? key);
                    w.WriteLooseValue(value);
                }
            }
        }

        if (options.ResponseFormat is ChatResponseFormatJson nativeJson && native)
        {
            w.WritePropertyName("json_schema");
            WriteSchema(w, nativeJson.Schema);
        }
        else if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            // A bare {"type":"json_object"} is not enforced by llama-server: always send a schema.
            w.WriteStartObject("response_format");
            w.WriteString("type", "json_schema");
            w.WriteStartObject("json_schema");
            w.WriteString("name", json.SchemaName ?? "response");
            w.WritePropertyName("schema");
            WriteSchema(w, json.Schema);

            w.WriteEndObject();
            w.WriteEndObject();
        }

        var functions = options.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (functions.Count > 0)
        {
            w.WriteFunctionTools(functions);
            w.WriteString("tool_choice", options.ToolMode switch
            {
                NoneChatToolMode => "none",
                RequiredChatToolMode => "required",
                _ => "auto",
            });
        }
    }
}
