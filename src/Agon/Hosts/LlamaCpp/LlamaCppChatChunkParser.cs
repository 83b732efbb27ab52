using System.Text;
using System.Text.Json;

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
                    chunk.Usage = ReadUsage(ref reader);
                }
                else if (reader.ValueTextEquals("timings"u8))
                {
                    reader.Read();
                    chunk.Timings = ReadTimings(ref reader);
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
                    chunk.Error = ReadError(ref reader);
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
                chunk.ToolCalls = ReadToolCalls(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static List<LlamaCppToolCallDelta>? ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var calls = new List<LlamaCppToolCallDelta>();
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            int? index = null;
            string? id = null, name = null, arguments = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) ? i : null;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            reader.Read();
                            name = ReadString(ref reader);
                        }
                        else if (reader.ValueTextEquals("arguments"u8))
                        {
                            reader.Read();
                            arguments = reader.TokenType == JsonTokenType.String ? reader.GetString() : RawValue(ref reader);
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            calls.Add(new LlamaCppToolCallDelta(index ?? position, id, name, arguments));
            position++;
        }

        return calls;
    }

    private static LlamaCppChatUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? prompt = null, completion = null, total = null, cached = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                prompt = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                completion = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                total = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isCached = reader.ValueTextEquals("cached_tokens"u8);
                    reader.Read();
                    if (isCached)
                    {
                        cached = ReadLong(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new LlamaCppChatUsage(prompt, completion, total, cached);
    }

    private static LlamaCppTimings? ReadTimings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        double? cacheN = null, promptN = null, promptMs = null, promptPerSecond = null, predictedN = null, predictedMs = null, predictedPerSecond = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref double? target = ref cacheN;
            var known = true;
            if (reader.ValueTextEquals("cache_n"u8))
            {
                target = ref cacheN;
            }
            else if (reader.ValueTextEquals("prompt_n"u8))
            {
                target = ref promptN;
            }
            else if (reader.ValueTextEquals("prompt_ms"u8))
            {
                target = ref promptMs;
            }
            else if (reader.ValueTextEquals("prompt_per_second"u8))
            {
                target = ref promptPerSecond;
            }
            else if (reader.ValueTextEquals("predicted_n"u8))
            {
                target = ref predictedN;
            }
            else if (reader.ValueTextEquals("predicted_ms"u8))
            {
                target = ref predictedMs;
            }
            else if (reader.ValueTextEquals("predicted_per_second"u8))
            {
                target = ref predictedPerSecond;
            }
            else
            {
                known = false;
            }

            reader.Read();
            if (known && reader.TokenType == JsonTokenType.Number)
            {
                target = reader.GetDouble();
            }
            else
            {
                reader.Skip();
            }
        }

        return new LlamaCppTimings
        {
            CacheN = cacheN,
            PromptN = promptN,
            PromptMs = promptMs,
            PromptPerSecond = promptPerSecond,
            PredictedN = predictedN,
            PredictedMs = predictedMs,
            PredictedPerSecond = predictedPerSecond,
        };
    }

    internal static LlamaCppServerError ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LlamaCppServerError(null, reader.GetString(), null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new LlamaCppServerError(null, null, null);
        }

        int? code = null;
        string? message = null, type = null;
        long? promptTokens = null, contextSize = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : null;
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("n_prompt_tokens"u8))
            {
                reader.Read();
                promptTokens = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("n_ctx"u8))
            {
                reader.Read();
                contextSize = ReadLong(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new LlamaCppServerError(code, message, type, promptTokens, contextSize);
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

    private static long? ReadLong(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;

    /// <summary>Arguments sent as a JSON object instead of a string (some templates do): kept as JSON text.</summary>
    private static string RawValue(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
