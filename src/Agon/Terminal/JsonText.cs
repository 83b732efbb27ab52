using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Agon.Terminal;

/// <summary>Writes command output as indented JSON without reflection (safe for trimming and AOT), text as written (relaxed escaping).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_oneLine = s_options with { Indented = false };

    public static string Write(Action<Utf8JsonWriter> write) => Write(write, s_options);

    /// <summary>A command's output document, indented, with text as written (<c>+00:00</c>, not <c>\u002B00:00</c>).</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => Write(w => JsonSerializer.Serialize(w, value, typeInfo), s_options);

    /// <summary>One NDJSON line, text as written.</summary>
    public static string Line<T>(T value, JsonTypeInfo<T> typeInfo) => Write(w => JsonSerializer.Serialize(w, value, typeInfo), s_oneLine);

    /// <summary>
    /// A JSON value on one line as a person reads it: <c>'</c>, <c>&lt;</c> and non-ASCII letters as themselves, not as
    /// the <c>\u0027</c> escapes a server's serializer may have sent.
    /// </summary>
    public static string OneLine(JsonElement value) => Write(value.WriteTo, s_oneLine);

    private static string Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
