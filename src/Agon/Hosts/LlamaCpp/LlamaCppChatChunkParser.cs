using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// Reads a chat completion object straight from UTF-8 bytes with <see cref="Utf8JsonReader"/>: no DOM, no
/// reflection, only the strings the answer needs are allocated. Unknown fields are skipped.
/// </summary>
internal static class LlamaCppChatChunkParser
{
    public static LlamaCppChatChunk Parse(ReadOnlySpan<byte> data) => Parse(data, null);

    /// <summary>Parses one event of a stream, refilling the stream's one chunk (see <see cref="LlamaCppChatStreamState"/>).</summary>
    public static LlamaCppChatChunk Parse(ReadOnlySpan<byte> data, LlamaCppChatStreamState? stream)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return LlamaCppChatChunk.Done;
        }

        if (stream?.TryTemplate(data) is { } quick)
        {
            return quick;
        }

        try
        {
            stream?.Begin();
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new LlamaCppChatChunk { RawText = Encoding.UTF8.GetString(data) };
            }

            var chunk = stream?.Chunk ?? new LlamaCppChatChunk();
            chunk.Clear();
            var restStart = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    ReadChoices(ref reader, chunk, stream);
                    restStart = (int)reader.BytesConsumed;
                    if (stream is not null && stream.TrySkipRest(chunk, data[restStart..]))
                    {
                        stream.Learn(chunk, data);
                        return chunk;
                    }
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    chunk.Usage = ReadOrSkip(ref reader, LlamaCppJsonContext.Default.LlamaCppChatUsageJson)?.ToUsage();
                }
                else if (reader.ValueTextEquals("timings"u8))
                {
                    reader.Read();
                    chunk.Timings = ReadOrSkip(ref reader, LlamaCppJsonContext.Default.LlamaCppTimings);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    chunk.Model = stream is null ? ReadString(ref reader) : stream.Model.Read(ref reader);
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    chunk.Id = stream is null ? ReadString(ref reader) : stream.Id.Read(ref reader);
                }
                else if (reader.ValueTextEquals("created"u8))
                {
                    reader.Read();
                    chunk.Created = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var created) ? created : null;
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    chunk.Error = reader.TokenType == JsonTokenType.String
                        ? LlamaCppServerErrorConverter.ReadError(ref reader)
                        : ReadOrSkip(ref reader, LlamaCppJsonContext.Default.LlamaCppServerError);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (stream is not null && restStart >= 0)
            {
                stream.Read(chunk, data[restStart..]);
            }

            stream?.Learn(chunk, data);

            return chunk;
        }
        catch (JsonException)
        {
            return new LlamaCppChatChunk { RawText = Encoding.UTF8.GetString(data) };
        }
    }

    /// <summary>Reads an error envelope from a whole response body, or null when it is not one.</summary>
    public static LlamaCppServerError? ParseError(ReadOnlySpan<byte> body)
    {
        var chunk = Parse(body);
        return chunk.RawText is null ? chunk.Error : null;
    }

    private static void ReadChoices(ref Utf8JsonReader reader, LlamaCppChatChunk chunk, LlamaCppChatStreamState? stream)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    ReadDelta(ref reader, chunk, stream);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    chunk.FinishReason = stream is null ? ReadString(ref reader) : stream.FinishReason.Read(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, LlamaCppChatChunk chunk, LlamaCppChatStreamState? stream)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    stream?.ContentAt(reader.TokenStartIndex, reader.BytesConsumed);
                }

                chunk.Content = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                chunk.ReasoningContent = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                chunk.Role = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                chunk.ToolCalls = ToDeltas(ReadOrSkip(ref reader, LlamaCppJsonContext.Default.ListLlamaCppToolCallJson));
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The pieces of tool calls in a delta; a piece without an index is placed by its position.</summary>
    private static List<LlamaCppToolCallDelta>? ToDeltas(List<LlamaCppToolCallJson>? calls) =>
        calls?.Select((call, position) => new LlamaCppToolCallDelta(call.Index ?? position, call.Id, call.Function?.Name, call.Function?.ArgumentsText)).ToList();

    /// <summary>
    /// The once-a-stream members (usage, timings, tool calls, an error) through their source-generated contracts; a
    /// value of another shape is skipped and read as absent, as the hand-written members are.
    /// </summary>
    private static T? ReadOrSkip<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var probe = reader;
        try
        {
            var value = JsonSerializer.Deserialize(ref probe, typeInfo);
            reader = probe;
            return value;
        }
        catch (JsonException)
        {
            reader.Skip();
            return null;
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
