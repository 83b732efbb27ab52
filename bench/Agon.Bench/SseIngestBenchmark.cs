using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Hosts;
using Agon.Hosts.LlamaCpp;
using Microsoft.Extensions.AI;

namespace Agon.Bench;

/// <summary>
/// How fast the llama.cpp chat client consumes a stream: N chunks shaped like the recorded ones
/// (router-basic/12), read through <see cref="IChatClient.GetStreamingResponseAsync"/> to the last update.
/// </summary>
internal static class SseIngestBenchmark
{
    private const string Props = """{"role":"router","max_instances":4,"models_autoload":true,"build_info":"bench"}""";
    private const string Models = """{"data":[{"id":"stories260K","aliases":[],"status":{"value":"loaded"}}],"object":"list"}""";

    public static async Task<int> RunAsync(int chunks)
    {
        var body = BuildStream(chunks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stream: {chunks:N0} content chunks, {body.Length / 1048576.0:F1} MiB"));

        var memoryRate = await MeasureAsync("in-memory", new MemoryServer(body), chunks);
        using var loopback = new LoopbackHttpServer(path => (Route(path, body), path.EndsWith("completions", StringComparison.Ordinal) ? "text/event-stream" : "application/json"));
        var loopbackRate = await MeasureAsync($"loopback (127.0.0.1:{loopback.Port})", null, chunks, loopback.Url);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary: in-memory {memoryRate:N0} chunks/s, loopback {loopbackRate:N0} chunks/s"));
        return 0;
    }

    private static async Task<double> MeasureAsync(string label, HttpMessageHandler? handler, int chunks, Uri? url = null)
    {
        var config = new HostConfig { Name = "bench", Type = HostType.LlamaCpp, Url = url ?? new Uri("http://127.0.0.1:9/"), Timeout = TimeSpan.FromMinutes(5) };
        var factory = new HostHttpClientFactory(new NullLog(), TimeProvider.System, handler is null ? null : _ => handler);
        await using var host = new LlamaCppHost(config, factory.Create(config), TimeProvider.System);
        var client = host.GetChatClient("stories260K");
        ChatMessage[] prompt = [new(ChatRole.User, "Tell me a story.")];

        await CountAsync(client, prompt);
        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            var seen = await CountAsync(client, prompt);
            var seconds = watch.Elapsed.TotalSeconds;
            if (seen != chunks)
            {
                throw new InvalidOperationException($"expected {chunks} updates with text, got {seen}");
            }

            best = Math.Min(best, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-28} run {run + 1}: {seconds * 1000,8:F1} ms  {chunks / seconds,12:N0} chunks/s"));
        }

        return chunks / best;
    }

    private static async Task<int> CountAsync(IChatClient client, ChatMessage[] prompt)
    {
        var count = 0;
        await foreach (var update in client.GetStreamingResponseAsync(prompt))
        {
            if (update.Contents.Count > 0 && update.Contents[0] is TextContent)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A role chunk, N content chunks (varied text), the finish chunk, the usage chunk with timings, [DONE].</summary>
    internal static byte[] BuildStream(int chunks)
    {
        const string Head = "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":";
        const string Tail = "}}],\"created\":1795611184,\"id\":\"chatcmpl-fGWpcY9YOrzFM013hgxaq7cBLCBvYlRM\",\"model\":\"stories260K\",\"system_fingerprint\":\"b10587-3f545bec\",\"object\":\"chat.completion.chunk\"}\n\n";
        string[] pieces = ["\"H\"", "\"e\"", "\"re\"", "\",\"", "\" \"", "\"A\"", "\"nn\"", "\"ack\"", "\".\"", "\" \\\"\""];
        var builder = new StringBuilder(chunks * 260);
        builder.Append("data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],\"created\":1795611184,\"id\":\"chatcmpl-fGWpcY9YOrzFM013hgxaq7cBLCBvYlRM\",\"model\":\"stories260K\",\"system_fingerprint\":\"b10587-3f545bec\",\"object\":\"chat.completion.chunk\"}\n\n");
        for (var i = 0; i < chunks; i++)
        {
            builder.Append(Head).Append(pieces[i % pieces.Length]).Append(Tail);
        }

        builder.Append("data: {\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{}}],\"created\":1795611184,\"id\":\"chatcmpl-x\",\"model\":\"stories260K\",\"object\":\"chat.completion.chunk\"}\n\n");
        builder.Append("data: {\"choices\":[],\"created\":1795611184,\"id\":\"chatcmpl-x\",\"model\":\"stories260K\",\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":40,\"prompt_tokens\":117,\"total_tokens\":157},\"timings\":{\"cache_n\":0,\"prompt_n\":117,\"prompt_ms\":36.5,\"predicted_n\":40,\"predicted_ms\":26.1,\"predicted_per_second\":1489.3}}\n\n");
        builder.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static byte[] Route(string path, byte[] stream) => path switch
    {
        "/props" => Encoding.UTF8.GetBytes(Props),
        "/models" => Encoding.UTF8.GetBytes(Models),
        _ => stream,
    };

    /// <summary>Answers from memory: no sockets, so only the client's own cost is measured.</summary>
    private sealed class MemoryServer(byte[] stream) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var content = new ByteArrayContent(Route(path, stream));
            content.Headers.TryAddWithoutValidation("Content-Type", path.EndsWith("completions", StringComparison.Ordinal) ? "text/event-stream" : "application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    private sealed class NullLog : IAgonLog
    {
        public string Path => "none";

        public bool IncludeBodies => false;

        public void Write(string line)
        {
        }
    }
}
