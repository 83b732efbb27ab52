using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agon.Chat;

/// <summary>Writes a name → JSON text map as one object whose values are that JSON (sampling parameters as sent); output only.</summary>
internal sealed class RawJsonValuesConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("written for output only");

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, json) in value)
        {
            writer.WritePropertyName(key);
            writer.WriteRawValue(json);
        }

        writer.WriteEndObject();
    }
}
