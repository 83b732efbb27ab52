using System.Text;
using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Reads a native <c>/completion</c> object (source-generated); anything that is not one is kept as raw text.</summary>
internal static class LlamaCppCompletionChunkParser
{
    public static LlamaCppCompletionChunk Parse(ReadOnlySpan<byte> data)
    {
        try
        {
            if (JsonSerializer.Deserialize(data, LlamaCppJsonContext.Default.LlamaCppCompletionChunk) is { } chunk)
            {
                return chunk;
            }
        }
        catch (JsonException)
        {
        }

        return new LlamaCppCompletionChunk { RawText = Encoding.UTF8.GetString(data) };
    }
}
