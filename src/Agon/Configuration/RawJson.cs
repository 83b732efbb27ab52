using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>A JSON value kept as the text it was written as (a parameter from the file, a tool call's arguments), written out unchanged.</summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed record RawJson(string Json)
{
    public override string ToString() => Json;
}
