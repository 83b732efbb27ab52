using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Agon.Tests.TestServices;

/// <summary>
/// A stateful llama-server router built from the recorded behaviour: models loading → loaded (the load settles on
/// the next look, whether through <c>/models</c> or the event feed), LRU eviction at models-max, autoload on chat,
/// broken files failing with exit code 1, idle models put to sleep (router-sleep: a load of a sleeping model is
/// refused as already running, a chat wakes it, an unload unloads it), and the recorded bodies for chat answers.
/// </summary>
internal sealed class FakeRouter : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _models = new(StringComparer.Ordinal);
    private readonly List<Channel<string>> _subscribers = [];
    private readonly int _modelsMax;
    private long _clock;

    public FakeRouter(int modelsMax, params string[] models)
    {
        _modelsMax = modelsMax;
        foreach (var model in models)
        {
            _models[model] = new Entry();
        }
    }

    /// <summary>Models whose file is not a GGUF: their load fails with exit code 1.</summary>
    public HashSet<string> Broken { get; } = new(StringComparer.Ordinal);

    /// <summary>The order of state changes, for assertions ("stories260K:loading", …).</summary>
    public List<string> History { get; } = [];

    /// <summary>What <c>--sleep-idle-seconds</c> does to an idle loaded model: its weights go, its process stays.</summary>
    public void Sleep(string model)
    {
        lock (_gate)
        {
            SetStatus(model, _models[model], "sleeping");
        }
    }

    public string StatusOf(string model)
    {
        lock (_gate)
        {
            return _models[model].Status;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        lock (_gate)
        {
            return (request.Method.Method, path) switch
            {
                ("GET", "/props") => Json(HttpStatusCode.OK, $$"""{"role":"router","max_instances":{{_modelsMax}},"models_autoload":true,"build_info":"b10587-3f545bec"}"""),
                ("GET", "/models") or ("GET", "/v1/models") => ListModels(),
                ("GET", "/models/sse") => Subscribe(),
                ("POST", "/models/load") => Load(Model(body)),
                ("POST", "/models/unload") => Unload(Model(body)),
                ("POST", "/v1/chat/completions") => Chat(Model(body)),
                _ => Json(HttpStatusCode.NotFound, """{"error":{"message":"File Not Found","type":"not_found_error","code":404}}"""),
            };
        }
    }

    private static string Model(string? body) => (string)JsonNode.Parse(body!)!["model"]!;

    private HttpResponseMessage ListModels()
    {
        var data = new JsonArray();
        foreach (var (id, entry) in _models)
        {
            var status = new JsonObject { ["value"] = entry.Status, ["args"] = new JsonArray() };
            if (entry.Failed)
            {
                status["failed"] = true;
                status["exit_code"] = 1;
            }

            var item = new JsonObject { ["id"] = id, ["aliases"] = new JsonArray(), ["status"] = status, ["source"] = "models_dir", ["can_remove"] = false };
            if (entry.Status is "loaded" or "sleeping")
            {
                item["meta"] = JsonNode.Parse("""{"vocab_type":true,"n_ctx":512,"n_ctx_train":2048,"size":1171200,"ftype":"(guessed) all F32"}""");
            }

            data.Add(item);
        }

        var response = Json(HttpStatusCode.OK, new JsonObject { ["data"] = data, ["object"] = "list" }.ToJsonString());

        // A load settles when someone looks: this answer showed "loading"; the next one shows the outcome.
        foreach (var (id, entry) in _models)
        {
            if (entry.Status == "loading")
            {
                Settle(id, entry);
            }
        }

        return response;
    }

    private HttpResponseMessage Subscribe()
    {
        var channel = Channel.CreateUnbounded<string>();
        _subscribers.Add(channel);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new ChannelStream(channel.Reader)) { Headers = { { "Content-Type", "text/event-stream" } } },
        };
    }

    private HttpResponseMessage Load(string model)
    {
        if (!_models.TryGetValue(model, out var entry))
        {
            return Json(HttpStatusCode.NotFound, """{"error":{"message":"File Not Found","type":"not_found_error","code":404}}""");
        }

        if (entry.Status is "loading" or "loaded" or "sleeping")
        {
            return Json(HttpStatusCode.BadRequest, """{"error":{"code":400,"message":"model is already running","type":"invalid_request_error"}}""");
        }

        Start(model, entry);
        if (_subscribers.Count > 0)
        {
            Settle(model, entry);
        }

        return Json(HttpStatusCode.OK, """{"success":true}""");
    }

    private HttpResponseMessage Unload(string model)
    {
        if (!_models.TryGetValue(model, out var entry))
        {
            return Json(HttpStatusCode.BadRequest, """{"error":{"code":400,"message":"model is not found","type":"invalid_request_error"}}""");
        }

        if (entry.Status is not ("loaded" or "loading" or "sleeping"))
        {
            return Json(HttpStatusCode.BadRequest, """{"error":{"code":400,"message":"model is not running","type":"invalid_request_error"}}""");
        }

        SetStatus(model, entry, "unloaded", exitCode: 0);
        return Json(HttpStatusCode.OK, """{"success":true}""");
    }

    private HttpResponseMessage Chat(string model)
    {
        if (!_models.TryGetValue(model, out var entry))
        {
            return Json(HttpStatusCode.BadRequest, "{\"error\":{\"code\":400,\"message\":\"model '" + model + "' not found\",\"type\":\"invalid_request_error\"}}");
        }

        if (entry.Status == "sleeping")
        {
            // The request wakes it (router-sleep/06): its process reloads the weights, then answers.
            SetStatus(model, entry, "loaded");
        }
        else if (entry.Status != "loaded")
        {
            Start(model, entry);
            Settle(model, entry);
            if (entry.Status != "loaded")
            {
                return Json(HttpStatusCode.InternalServerError, "{\"error\":{\"code\":500,\"message\":\"model name=" + model + " failed to load\",\"type\":\"server_error\"}}");
            }
        }

        entry.LastUsed = ++_clock;
        History.Add($"{model}:chat");
        var recorded = RecordedExchange.Load("router-basic/11-chat");
        return Json(HttpStatusCode.OK, recorded.ResponseBody.Replace("\"stories260K\"", JsonValue.Create(model).ToJsonString(), StringComparison.Ordinal));
    }

    private void Start(string model, Entry entry)
    {
        var running = _models.Where(m => m.Value.Status is "loaded" or "loading" or "sleeping").ToList();
        if (running.Count >= _modelsMax)
        {
            var (victim, victimEntry) = running.Where(m => m.Value.Status is "loaded" or "sleeping").OrderBy(m => m.Value.LastUsed).First();
            SetStatus(victim, victimEntry, "unloaded", exitCode: 0);
        }

        entry.Failed = false;
        entry.LastUsed = ++_clock;
        Publish(model, "model_status", """{"status":"loading"}""");
        SetStatus(model, entry, "loading", progress: 0.0);
    }

    private void Settle(string model, Entry entry)
    {
        if (Broken.Contains(model))
        {
            SetStatus(model, entry, "unloaded", exitCode: 1);
            entry.Failed = true;
        }
        else
        {
            SetStatus(model, entry, "loading", progress: 1.0);
            SetStatus(model, entry, "loaded");
        }
    }

    private void SetStatus(string model, Entry entry, string status, int? exitCode = null, double? progress = null)
    {
        entry.Status = status;
        History.Add($"{model}:{status}");
        var data = new JsonObject { ["status"] = status };
        if (exitCode is { } code)
        {
            data["exit_code"] = code;
        }

        if (progress is { } value)
        {
            data["progress"] = new JsonObject { ["stages"] = new JsonArray("text_model"), ["current"] = "text_model", ["value"] = value };
        }

        Publish(model, "status_change", data.ToJsonString());
    }

    private void Publish(string model, string kind, string data)
    {
        var line = $"data: {{\"model\":{JsonValue.Create(model).ToJsonString()},\"event\":\"{kind}\",\"data\":{data}}}\n\n";
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(line);
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class Entry
    {
        public string Status { get; set; } = "unloaded";

        public bool Failed { get; set; }

        public long LastUsed { get; set; }
    }

    /// <summary>A response body that yields whatever the router publishes, until the client closes it.</summary>
    private sealed class ChannelStream(ChannelReader<string> reader) : Stream
    {
        private byte[] _pending = [];
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset >= _pending.Length)
            {
                if (!await reader.WaitToReadAsync(cancellationToken) || !reader.TryRead(out var next))
                {
                    return 0;
                }

                _pending = Encoding.UTF8.GetBytes(next);
                _offset = 0;
            }

            var count = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
