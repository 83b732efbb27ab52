using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Agon.Configuration;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Ollama;

/// <summary>Writes the body of <c>POST /api/chat</c>: sampling keys go into <c>options</c>, JSON mode into <c>format</c>.</summary>
internal static class OllamaChatRequestWriter
{
    /// <summary>Keys of <see cref="ChatOptions.AdditionalProperties"/> that are top-level request fields, not options.</summary>
    private static readonly HashSet<string> s_topLevel = new(StringComparer.Ordinal) { "keep_alive", "think", "truncate", "shift" };

    public static byte[] Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, string? keepAlive)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            WriteMessages(w, messages.ToList());
            w.WriteBoolean("stream", stream);
            WriteSettings(w, options, keepAlive, tools: true);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The body of <c>POST /api/generate</c> with <c>raw: true</c> (<c>--raw</c>): the prompt as it is, with no
    /// template (and so no system prompt), the same <c>options</c>, <c>format</c> and <c>keep_alive</c>.
    /// </summary>
    public static byte[] WriteGenerate(string model, string prompt, ChatOptions? options, bool stream, string? keepAlive)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteString("prompt", prompt);
            w.WriteBoolean("raw", true);
            w.WriteBoolean("stream", stream);
            WriteSettings(w, options, keepAlive, tools: false);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSettings(Utf8JsonWriter w, ChatOptions? options, string? keepAlive, bool tools)
    {
        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            w.WritePropertyName("format");
            if (json.Schema is { } schema)
            {
                schema.WriteTo(w);
            }
            else
            {
                w.WriteStringValue("json");
            }
        }

        if (tools)
        {
            WriteTools(w, options);
        }

        WriteOptions(w, options);
        var extra = options?.AdditionalProperties;
        if (extra?.TryGetValue("keep_alive", out var explicitKeepAlive) == true)
        {
            w.WritePropertyName("keep_alive");
            w.WriteLooseValue(explicitKeepAlive);
        }
        else if (keepAlive is not null)
        {
            WriteKeepAlive(w, keepAlive);
        }

        foreach (var key in new[] { "think", "truncate", "shift" })
        {
            if (extra?.TryGetValue(key, out var value) == true)
            {
                w.WritePropertyName(key);
                w.WriteLooseValue(value);
            }
        }
    }

    /// <summary>A number of seconds is sent as a number; anything else (<c>"10m"</c>) as a string.</summary>
    public static void WriteKeepAlive(Utf8JsonWriter w, string keepAlive)
    {
        if (long.TryParse(keepAlive, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            w.WriteNumber("keep_alive", seconds);
        }
        else
        {
            w.WriteString("keep_alive", keepAlive);
        }
    }

    private static void WriteMessages(Utf8JsonWriter w, List<ChatMessage> messages)
    {
        var callNames = messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).GroupBy(c => c.CallId).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        w.WriteStartArray("messages");
        foreach (var message in messages)
        {
            if (w.WriteToolResults(message, id => callNames.GetValueOrDefault(id)))
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("role", message.Role.Value);
            w.WriteString("content", string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text)));
            var thinking = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(t => t.Text));
            if (thinking.Length > 0)
            {
                w.WriteString("thinking", thinking);
            }

            var images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList();
            if (images.Count > 0)
            {
                w.WriteStartArray("images");
                foreach (var image in images)
                {
                    w.WriteStringValue(Convert.ToBase64String(image.Data.Span));
                }

                w.WriteEndArray();
            }

            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0)
            {
                w.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    w.WriteStartObject();
                    w.WriteString("id", call.CallId);
                    w.WriteStartObject("function");
                    w.WriteString("name", call.Name);
                    w.WriteStartObject("arguments");
                    foreach (var (key, value) in call.Arguments ?? new Dictionary<string, object?>())
                    {
                        w.WritePropertyName(key);
                        w.WriteLooseValue(value);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTools(Utf8JsonWriter w, ChatOptions? options)
    {
        var functions = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        if (functions.Count == 0 || options?.ToolMode is NoneChatToolMode)
        {
            return;
        }

        w.WriteFunctionTools(functions);
    }

    private static void WriteOptions(Utf8JsonWriter w, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        var entries = SamplingParameters.SetIn(options).Select(p => (Key: p.Parameter.Ollama!, Value: (object?)p.Value)).ToList();
        foreach (var (key, value) in options.AdditionalProperties ?? [])
        {
            if (!s_topLevel.Contains(key) && !key.StartsWith("agon.", StringComparison.Ordinal))
            {
                entries.Add((SamplingParameters.WithKey(key)?.Ollama ?? key, value));
            }
        }

        if (entries.Count == 0)
        {
            return;
        }

        w.WriteStartObject("options");
        foreach (var (key, value) in entries)
        {
            w.WritePropertyName(key);
            w.WriteLooseValue(value);
        }

        w.WriteEndObject();
    }
}
