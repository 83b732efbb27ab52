using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Reads an <c>error</c> member with the chat parser's reader (an object, or a plain string from some builds).</summary>
internal sealed class LlamaCppServerErrorConverter : JsonConverter<LlamaCppServerError>
{
    public override LlamaCppServerError Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LlamaCppChatChunkParser.ReadError(ref reader);

    public override void Write(Utf8JsonWriter writer, LlamaCppServerError value, JsonSerializerOptions options) =>
        throw new NotSupportedException("agon only reads llama.cpp errors");
}
