using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon;

/// <summary>Writing the loosely typed values of options, parameters and tool calls as JSON, without reflection.</summary>
internal static class JsonWriterExtensions
{
    /// <summary>
    /// Text as written (<c>Zürich's</c>, not <c>Z\u00FCrich\u0027s</c>): the arguments are read by people and models,
    /// never put in HTML unescaped. Control characters, and characters outside the Basic Multilingual Plane (emoji), stay escaped.
    /// </summary>
    private static readonly JsonWriterOptions s_readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a number, string, bool, list of strings or <see cref="JsonElement"/> as itself; anything else as its text.</summary>
    public static void WriteLooseValue(this Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(w);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case float f:
                w.WriteNumberValue(f);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case IEnumerable<string> list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    w.WriteStringValue(item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Writes <c>"name": ["a", "b"]</c>.</summary>
    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>"tools": [{"type":"function","function":{name, description, parameters}}]</c>, the shape both llama.cpp and Ollama read.</summary>
    public static void WriteFunctionTools(this Utf8JsonWriter w, IReadOnlyList<AIFunctionDeclaration> functions)
    {
        w.WriteStartArray("tools");
        foreach (var function in functions)
        {
            w.WriteStartObject();
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", function.Name);
            if (!string.IsNullOrEmpty(function.Description))
            {
                w.WriteString("description", function.Description);
            }

            w.WritePropertyName("parameters");
            function.JsonSchema.WriteTo(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>A tool call's arguments as one JSON object (the string both llama.cpp's wire and the tool log carry).</summary>
    public static string ToolArgumentsJson(IDictionary<string, object?>? arguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, s_readable))
        {
            w.WriteStartObject();
            foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
            {
                w.WritePropertyName(key);
                w.WriteLooseValue(value);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes each tool result <paramref name="message"/> carries as a <c>tool</c> message of its own (the OpenAI
    /// shape both backends read); false, writing nothing, when it carries none. <paramref name="toolName"/> names the
    /// tool a call id belongs to, for a backend that wants the name beside the id.
    /// </summary>
    public static bool WriteToolResults(this Utf8JsonWriter w, ChatMessage message, Func<string, string?>? toolName = null)
    {
        var wrote = false;
        foreach (var content in message.Contents)
        {
            if (content is not FunctionResultContent result)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("role", "tool");
            if (toolName?.Invoke(result.CallId) is { } name)
            {
                w.WriteString("tool_name", name);
            }

            w.WriteString("tool_call_id", result.CallId);
            w.WriteString("content", ToolResultText(result.Result));
            w.WriteEndObject();
            wrote = true;
        }

        return wrote;
    }

    /// <summary>A tool result as the text a model reads back.</summary>
    public static string ToolResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        TextContent t => t.Text,
        IEnumerable<AIContent> contents => string.Concat(contents.OfType<TextContent>().Select(t => t.Text)),
        _ => Convert.ToString(result, CultureInfo.InvariantCulture) ?? "",
    };
}
