using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agon.Bench;

/// <summary>
/// A local llama.cpp router for whole-process benchmarks (bench/*.sh): it answers <c>GET /props</c> and
/// <c>GET /models</c> with the recorded router-basic bodies and streams chat from memory as fast as the socket
/// takes it. The URL's first segment picks the chat stream: <c>/sse/N/…</c> streams N synthetic content chunks
/// (the shape of router-basic/12), any other prefix replays the recorded router-basic/12 stream.
/// Runs until stdin closes; prints "ready URL" when it listens.
/// </summary>
internal static class ServeBenchmark
{
    public static async Task<int> RunAsync(string fixtures, int port)
    {
        var props = Body(Path.Combine(fixtures, "02-props.json"));
        var models = Body(Path.Combine(fixtures, "08-models-loaded.json"));
        var chat = Body(Path.Combine(fixtures, "12-chat-stream-usage.json"));
        var streams = new ConcurrentDictionary<int, byte[]>();
        using var server = new LoopbackHttpServer(path =>
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var last = segments.Length > 0 ? segments[^1] : "";
            if (last == "props")
            {
                return (props, "application/json; charset=utf-8");
            }

            if (last == "models")
            {
                return (models, "application/json; charset=utf-8");
            }

            if (segments.Length > 2 && segments[0] == "sse" && int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var chunks))
            {
                return (streams.GetOrAdd(chunks, SseIngestBenchmark.BuildStream), "text/event-stream");
            }

            return (chat, "text/event-stream");
        }, port: port);
        Console.WriteLine("ready " + server.Url);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>The response body of a recorded exchange, exactly as the server sent it.</summary>
    private static byte[] Body(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var response = document.RootElement.GetProperty("response");
        return response.TryGetProperty("bodyText", out var text) && text.ValueKind == JsonValueKind.String
            ? Encoding.UTF8.GetBytes(text.GetString()!)
            : Encoding.UTF8.GetBytes(response.GetProperty("body").GetRawText());
    }
}
