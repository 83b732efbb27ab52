using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Agon.Hosts.LlamaCpp;

namespace Agon.Bench;

/// <summary>
/// The hand-written <see cref="LlamaCppChatChunkParser"/> (<c>Utf8JsonReader</c>, with and without the stream state the
/// chat client keeps) against source-generated deserialization of the same chunks into OpenAI-shaped records: the
/// <c>data:</c> payloads of <see cref="SseIngestBenchmark.BuildStream"/>, parsed one after another, best of 7 runs.
/// </summary>
internal static partial class ChunkParserBenchmark
{
    public static int Run(int chunks)
    {
        var payloads = Payloads(SseIngestBenchmark.BuildStream(chunks));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chunks: {payloads.Count:N0} data payloads of {payloads.Average(p => p.Length):F0} bytes on average"));

        var stream = Measure("hand parser, stream state (the chat client's path)", payloads, () =>
        {
            var state = new LlamaCppChatStreamState();
            var length = 0L;
            foreach (var payload in payloads)
            {
                length += LlamaCppChatChunkParser.Parse(payload, state).Content?.Length ?? 0;
            }

            return length;
        });
        var single = Measure("hand parser, each chunk alone", payloads, () =>
        {
            var length = 0L;
            foreach (var payload in payloads)
            {
                length += LlamaCppChatChunkParser.Parse(payload).Content?.Length ?? 0;
            }

            return length;
        });
        var generated = Measure("source-generated records", payloads, () =>
        {
            var length = 0L;
            foreach (var payload in payloads)
            {
                if (payload.AsSpan().SequenceEqual("[DONE]"u8))
                {
                    continue;
                }

                var chunk = JsonSerializer.Deserialize(payload, ChunkJsonContext.Default.Chunk);
                length += chunk?.Choices is [{ Delta.Content: { } content }, ..] ? content.Length : 0;
            }

            return length;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary: hand parser with stream state {stream.NsPerChunk:F0} ns/chunk ({generated.NsPerChunk / stream.NsPerChunk:F1}x faster than source-generated), alone {single.NsPerChunk:F0} ns/chunk ({generated.NsPerChunk / single.NsPerChunk:F1}x), source-generated {generated.NsPerChunk:F0} ns/chunk"));
        return 0;
    }

    private static (double NsPerChunk, double BytesPerChunk) Measure(string label, List<byte[]> payloads, Func<long> parseAll)
    {
        var expected = parseAll();
        var best = double.MaxValue;
        var bytes = 0.0;
        for (var run = 0; run < 7; run++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            if (parseAll() != expected)
            {
                throw new InvalidOperationException($"{label}: a run read other content than the warm-up");
            }

            var seconds = watch.Elapsed.TotalSeconds;
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)payloads.Count;
            best = Math.Min(best, seconds);
        }

        var ns = best * 1e9 / payloads.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-52} best {ns,7:F0} ns/chunk  {bytes,6:F0} B allocated/chunk  (content chars {expected:N0})"));
        return (ns, bytes);
    }

    private static List<byte[]> Payloads(byte[] stream)
    {
        var payloads = new List<byte[]>();
        foreach (var line in Encoding.UTF8.GetString(stream).Split('\n'))
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                payloads.Add(Encoding.UTF8.GetBytes(line[6..]));
            }
        }

        return payloads;
    }

    /// <summary>The OpenAI streaming chunk as records: what <see cref="LlamaCppChatChunkParser"/> reads, nothing more.</summary>
    internal sealed record Chunk(string? Id, string? Model, long? Created, IReadOnlyList<Choice>? Choices, Usage? Usage, LlamaCppTimings? Timings);

    internal sealed record Choice(Delta? Delta, string? FinishReason);

    internal sealed record Delta(string? Role, string? Content, string? ReasoningContent);

    internal sealed record Usage(long? PromptTokens, long? CompletionTokens, long? TotalTokens);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(Chunk))]
    internal sealed partial class ChunkJsonContext : JsonSerializerContext;
}
