using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Agon.Tests.TestServices;

/// <summary>
/// A stateful fake Ollama for benchmarks (written, not recorded, from ollama-api.md): <c>/api/version</c>,
/// <c>/api/tags</c>, <c>/api/ps</c> from the models it holds and the ones loaded; <c>/api/generate</c> without a
/// prompt loads, or with <c>keep_alive: 0</c> unloads; <c>/api/chat</c> streams NDJSON whose final line counts the
/// prompt as <see cref="TokensPerWord"/> tokens per space-separated word (so Agon must calibrate) and generates
/// <c>options.num_predict</c> tokens (or <see cref="StopAfter"/>, a model that ends early: Ollama has no
/// <c>ignore_eos</c>). Logs every request in order and the most chats it ever had in flight at once.
/// </summary>
internal sealed class BenchOllama(params string[] models) : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private int _inFlight;

    public double TokensPerWord { get; init; } = 1.6;

    /// <summary>Generate at most this many tokens whatever was asked (the model reached its end of text).</summary>
    public int? StopAfter { get; init; }

    public List<SeenRequest> Requests { get; } = [];

    public int MaxInFlight { get; private set; }

    /// <summary>The order of wire operations: "unload m", "load m", "chat m" (lists and version left out).</summary>
    public List<string> Steps
    {
        get
        {
            lock (_gate)
            {
                return Requests.Select(r => r.Path switch
                {
                    "/api/generate" => (IsUnload(r.Json!) ? "unload " : "load ") + (string)r.Json!["model"]!,
                    "/api/chat" => "chat " + (string)r.Json!["model"]!,
                    _ => null,
                }).OfType<string>().ToList();
            }
        }
    }

    public List<JsonNode> Chats
    {
        get
        {
            lock (_gate)
            {
                return Requests.Where(r => r.Path == "/api/chat").Select(r => r.Json!).ToList();
            }
        }
    }

    public BenchOllama Loaded(string model)
    {
        _loaded.Add(model);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        lock (_gate)
        {
            Requests.Add(new SeenRequest(request.Method.Method, path, body, null, ""));
        }

        return path switch
        {
            "/api/version" => Json(new JsonObject { ["version"] = "0.9.0" }),
            "/api/tags" => Json(new JsonObject { ["models"] = List(models) }),
            "/api/ps" => Json(new JsonObject { ["models"] = List(Snapshot()) }),
            "/api/generate" => Generate(JsonNode.Parse(body!)!),
            "/api/chat" => Chat(JsonNode.Parse(body!)!),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") },
        };
    }

    private static bool IsUnload(JsonNode body) =>
        body["keep_alive"] is JsonValue value && value.ToJsonString() is "0" or "\"0\"" or "\"0s\"";

    private static HttpResponseMessage Json(JsonNode node) =>
        new(HttpStatusCode.OK) { Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json") };

    private static JsonArray List(IEnumerable<string> names) => new(names.Select(n => (JsonNode)new JsonObject
    {
        ["name"] = n,
        ["model"] = n,
        ["size"] = 2_019_393_189,
        ["details"] = new JsonObject { ["format"] = "gguf", ["family"] = "llama", ["parameter_size"] = "3.2B", ["quantization_level"] = "Q4_K_M" },
        ["context_length"] = 4096,
    }).ToArray());

    private string[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _loaded];
        }
    }

    private HttpResponseMessage Generate(JsonNode body)
    {
        var model = (string)body["model"]!;
        var unload = IsUnload(body);
        lock (_gate)
        {
            if (unload)
            {
                _loaded.Remove(model);
            }
            else
            {
                _loaded.Add(model);
            }
        }

        return Json(new JsonObject { ["model"] = model, ["created_at"] = "2025-06-04T21:30:00Z", ["response"] = "", ["done"] = true, ["done_reason"] = unload ? "unload" : "load" });
    }

    private HttpResponseMessage Chat(JsonNode body)
    {
        var model = (string)body["model"]!;
        bool wasLoaded;
        lock (_gate)
        {
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            wasLoaded = !_loaded.Add(model);
        }

        try
        {
            var prompt = (string)body["messages"]!.AsArray().Last()!["content"]!;
            var words = prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var promptTokens = (int)Math.Round(words * TokensPerWord);
            var asked = body["options"]?["num_predict"] is { } n ? (int)n : 128;
            var generated = Math.Min(asked, StopAfter ?? asked);
            var ndjson = new StringBuilder();
            for (var i = 0; i < generated; i++)
            {
                ndjson.Append(new JsonObject { ["model"] = model, ["created_at"] = "2025-06-04T21:30:00Z", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = " tok" }, ["done"] = false }.ToJsonString()).Append('\n');
            }

            // 40 tok/s generation, 400 tok/s prompt (durations in nanoseconds).
            ndjson.Append(new JsonObject
            {
                ["model"] = model,
                ["created_at"] = "2025-06-04T21:30:01Z",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" },
                ["done"] = true,
                ["done_reason"] = generated < asked ? "stop" : "length",
                ["total_duration"] = 1_000_000_000,
                ["load_duration"] = wasLoaded ? 1_000_000 : 900_000_000,
                ["prompt_eval_count"] = promptTokens,
                ["prompt_eval_duration"] = promptTokens * 2_500_000L,
                ["eval_count"] = generated,
                ["eval_duration"] = generated * 25_000_000L,
            }.ToJsonString()).Append('\n');
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson") };
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    public override string ToString() => string.Join(", ", Steps);
}
