using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agon.Models;

/// <summary>Writes key/value pairs as one JSON object in their order, keeping repeated keys (output only).</summary>
internal sealed class PairsAsObjectConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, string>>>
{
    public override IReadOnlyList<KeyValuePair<string, string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("written for output only");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, text) in value)
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
