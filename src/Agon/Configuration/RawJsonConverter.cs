using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>
/// Writes a <see cref="RawJson"/> as its text (checked: a model's tool arguments pass through here too); reading one
/// keeps the value's text.
/// </summary>
internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) => writer.WriteRawValue(value.Json);
}
