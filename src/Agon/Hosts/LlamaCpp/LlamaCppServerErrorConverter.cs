using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Reads an <c>error</c> member: an object, or a plain string (the message alone) from some builds.</summary>
internal sealed class LlamaCppServerErrorConverter : JsonConverter<LlamaCppServerError>
{
    public override LlamaCppServerError? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadError(ref reader);

    public override void Write(Utf8JsonWriter writer, LlamaCppServerError value, JsonSerializerOptions options) =>
        throw new NotSupportedException("agon only reads llama.cpp errors");

    /// <summary>Reads the value the reader stands on (the chat chunk parser's <c>error</c> member too).</summary>
    public static LlamaCppServerError? ReadError(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => new LlamaCppServerError(null, reader.GetString(), null),
        JsonTokenType.StartObject => JsonSerializer.Deserialize(ref reader, LlamaCppJsonContext.Default.LlamaCppServerError),
        _ => Skipped(ref reader),
    };

    private static LlamaCppServerError Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return new LlamaCppServerError(null, null, null);
    }
}
