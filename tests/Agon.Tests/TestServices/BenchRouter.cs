using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Agon.Tests.TestServices;

/// <summary>
/// The stateful fake router, plus what a benchmark needs on top (written, not recorded, from llamacpp-api.md):
/// <c>POST /tokenize</c> with pieces (one token per space-separated word), and streamed chat answers in the
/// recorded SSE shape whose final chunk's <c>timings</c> count the prompt's words and the asked tokens. It logs
/// every request in order and the most requests it ever had in flight at once.
/// </summary>
internal sealed class BenchRouter : HttpMessageHandler
{
    private readonly HttpMessageInvoker _router;
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _answers;

    public BenchRouter(FakeRouter router)
    {
        Router = router;
        _router = new HttpMessageInvoker(router, disposeHandler: false);
    }

    public FakeRouter Router { get; }

    public List<SeenRequest> Requests { get; } = [];

    public int MaxInFlight { get; private set; }

    /// <summary>The <c>cache_n</c> every answer reports (a server that ignores <c>cache_prompt:false</c>).</summary>
    public int CacheN { get; set; }

    /// <summary>The <c>predicted_per_second</c> of the n-th answer (0-based, warm-ups included); 50 by default.</summary>
    public Func<int, double> PredictedPerSecond { get; set; } = _ => 50.0;

    /// <summary>Called as each chat request arrives (before it is answered): a test can hold it there.</summary>
    public Func<CancellationToken, Task>? OnChat { get; set; }

    /// <summary>Chat requests only, in order.</summary>
    public List<JsonNode> Chats => Requests.Where(r => r.Path == "/v1/chat/completions").Select(r => r.Json!).ToList();

    /// <summary>The order of wire operations: "unload m", "load m", "tokenize", "chat m" (lists and props left out).</summary>
    public List<string> Steps => Requests.Select(r => r.Path switch
    {
        "/models/unload" => "unload " + (string)r.Json!["model"]!,
        "/models/load" => "load " + (string)r.Json!["model"]!,
        "/tokenize" => "tokenize",
        "/v1/chat/completions" => "chat " + (string)r.Json!["model"]!,
        _ => null,
    }).OfType<string>().ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        lock (_gate)
        {
            Requests.Add(new SeenRequest(request.Method.Method, path, body, null, string.Join(",", request.Headers.Accept)));
        }

        if (path == "/tokenize")
        {
            return Tokenize(body!);
        }

        if (path != "/v1/chat/completions")
        {
            return await _router.SendAsync(Copy(request, body), cancellationToken);
        }

        lock (_gate)
        {
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
        }

        try
        {
            if (OnChat is { } hold)
            {
                await hold(cancellationToken);
            }

            // The router keeps its state (autoload, LRU); the answer is streamed in the recorded shape.
            using var answer = await _router.SendAsync(Copy(request, body), cancellationToken);
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                var error = await answer.Content.ReadAsStringAsync(cancellationToken);
                return new HttpResponseMessage(answer.StatusCode) { Content = new StringContent(error, Encoding.UTF8, "application/json") };
            }

            return Stream(JsonNode.Parse(body!)!);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, string? body) =>
        new(request.Method, request.RequestUri) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Tokenize(string body)
    {
        var content = (string)JsonNode.Parse(body)!["content"]!;
        var tokens = new JsonArray();
        var id = 100;
        foreach (var piece in Pieces(content))
        {
            tokens.Add(new JsonObject { ["id"] = id++, ["piece"] = piece });
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(new JsonObject { ["tokens"] = tokens }.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    /// <summary>One piece per word, with its leading space, as SentencePiece-style tokenizers cut.</summary>
    private static List<string> Pieces(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                if (i > start)
                {
                    pieces.Add(text[start..i]);
                }

                start = i;
            }
        }

        return pieces;
    }

    private HttpResponseMessage Stream(JsonNode request)
    {
        var model = (string)request["model"]!;
        var user = request["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        var promptN = Pieces(user).Count;
        var predicted = request["max_tokens"] is { } max ? (int)max : 16;
        var sse = new StringBuilder();
        void Chunk(JsonObject chunk)
        {
            chunk["id"] = "chatcmpl-bench";
            chunk["model"] = model;
            chunk["object"] = "chat.completion.chunk";
            sse.Append("data: ").Append(chunk.ToJsonString()).Append("\n\n");
        }

        Chunk(new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["content"] = null } }) });
        for (var i = 0; i < predicted; i++)
        {
            Chunk(new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = " tok" } }) });
        }

        Chunk(new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["finish_reason"] = "length", ["delta"] = new JsonObject() }) });
        Chunk(new JsonObject
        {
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["completion_tokens"] = predicted, ["prompt_tokens"] = promptN + CacheN, ["total_tokens"] = promptN + CacheN + predicted },
            ["timings"] = new JsonObject
            {
                ["cache_n"] = CacheN,
                ["prompt_n"] = promptN,
                ["prompt_ms"] = 100.0,
                ["prompt_per_second"] = promptN * 10.0,
                ["predicted_n"] = predicted,
                ["predicted_ms"] = predicted * 20.0,
                ["predicted_per_second"] = PredictedPerSecond(Interlocked.Increment(ref _answers) - 1),
            },
        });
        sse.Append("data: [DONE]\n\n");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(sse.ToString(), Encoding.UTF8, "text/event-stream") };
    }
}
