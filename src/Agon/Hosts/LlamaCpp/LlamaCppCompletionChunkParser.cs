using System.Text;
using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Reads a native <c>/completion</c> object from UTF-8 bytes with <see cref="Utf8JsonReader"/>; unknown fields are skipped.</summary>
internal static class LlamaCppCompletionChunkParser
{
    public static LlamaCppCompletionChunk Parse(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new LlamaCppCompletionChunk { RawText = Encoding.UTF8.GetString(data) };
            }

            var chunk = new LlamaCppCompletionChunk();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    chunk.Content = String(ref reader);
                }
                else if (reader.ValueTextEquals("stop"u8))
                {
                    reader.Read();
                    chunk.Stop = reader.TokenType == JsonTokenType.True;
                }
                else if (reader.ValueTextEquals("stop_type"u8))
                {
                    reader.Read();
                    chunk.StopType = String(ref reader);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    chunk.Model = String(ref reader);
                }
                else if (reader.ValueTextEquals("tokens_evaluated"u8))
                {
                    reader.Read();
                    chunk.TokensEvaluated = Long(ref reader);
                }
                else if (reader.ValueTextEquals("tokens_predicted"u8))
                {
                    reader.Read();
                    chunk.TokensPredicted = Long(ref reader);
                }
                else if (reader.ValueTextEquals("timings"u8))
                {
                    reader.Read();
                    chunk.Timings = LlamaCppChatChunkParser.ReadTimings(ref reader);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    chunk.Error = LlamaCppChatChunkParser.ReadError(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return chunk;
        }
        catch (JsonException)
        {
            return new LlamaCppCompletionChunk { RawText = Encoding.UTF8.GetString(data) };
        }
    }

    private static string? String(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static long? Long(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
}
