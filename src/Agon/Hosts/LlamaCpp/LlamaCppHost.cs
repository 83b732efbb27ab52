using System.Collections.Concurrent;
using System.Text.Json;
using Agon.Configuration;
using Agon.Metrics;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// A <c>llama-server</c>, in router mode (many models, loaded on demand, LRU at models-max) or serving a single
/// model. Behaviour follows the transcripts recorded from a real server: loads answer before anything happens,
/// failures show only as <c>failed</c> in <c>/models</c> or in the event feed, unknown models get three
/// different answers, and <c>/props?model=</c> is never used because it loads the model.
/// </summary>
internal sealed partial class LlamaCppHost(HostConfig config, HttpClient http, TimeProvider timeProvider, LlamaCppHostOptions? options = null) : IModelHost
{
    private readonly LlamaCppHostOptions _options = options ?? LlamaCppHostOptions.Default;
    private readonly HostHttp _http = new(config, http, timeProvider);
    private readonly SemaphoreSlim _infoGate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _readyModels = new(StringComparer.Ordinal);
    private HostInfo? _info;
    private ModelInfo? _served;

    public HostConfig Config { get; } = config;

    public string Name => Config.Name;

    internal HttpClient Http => http;

    internal TimeProvider TimeProvider => timeProvider;

    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        if (_info is { } known)
        {
            return known;
        }

        await _infoGate.WaitAsync(cancellationToken);
        try
        {
            return _info ??= await DetectAsync(cancellationToken);
        }
        finally
        {
            _infoGate.Release();
        }
    }

    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        // /models answers in both modes, so it is asked while the mode is still being detected (one round trip, not two).
        var infoTask = GetInfoAsync(cancellationToken);
        JsonDocument document;
        try
        {
            document = await GetJsonAsync("models", null, cancellationToken);
        }
        catch (HostException)
        {
            // A server still starting answers 503 everywhere; detection waits that out, then the list is asked again.
            await infoTask;
            document = await GetJsonAsync("models", null, cancellationToken);
        }

        using (document)
        {
            var info = await infoTask;
            return LlamaCppModelList.Parse(document.RootElement, info.IsRouter);
        }
    }

    /// <summary>
    /// The chat template's <c>chat_template_caps.supports_tools</c> from <c>/props</c> (on a router
    /// <c>/props?model=…&amp;autoload=false</c>, which loads nothing); null when the server does not say.
    /// </summary>
    public async Task<bool?> SupportsToolsAsync(string model, CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(cancellationToken);
        var path = info.Mode == HostMode.Router ? $"props?model={Uri.EscapeDataString(model)}&autoload=false" : "props";
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        try
        {
            using var props = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return props.RootElement.ValueKind == JsonValueKind.Object
                && props.RootElement.TryGetProperty("chat_template_caps", out var caps) && caps.ValueKind == JsonValueKind.Object
                && caps.TryGetProperty("supports_tools", out var supports) && supports.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? supports.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(cancellationToken);
        if (!info.IsRouter)
        {
            // A single server's /props describes its one model (and loads nothing: it is already loaded).
            var single = (await ListModelsAsync(cancellationToken))[0];
            if (!Matches(single, model))
            {
                throw HostException.ServesOnly(Name, single.Id, ShortName(single));
            }

            using var props = await GetJsonAsync("props", null, cancellationToken);
            var parameters = new List<KeyValuePair<string, string>>();
            if (props.RootElement.TryGetProperty("default_generation_settings", out var settings) && settings.ValueKind == JsonValueKind.Object
                && settings.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject().Where(x => x.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False))
                {
                    parameters.Add(new(property.Name, property.Value.ValueKind switch
                    {
                        JsonValueKind.Number => Round(property.Value.GetDouble()),
                        JsonValueKind.String => property.Value.GetString()!,
                        _ => property.Value.GetRawText(), // true/false as the server wrote them, not .NET's True/False
                    }));
                }
            }

            return new ModelDetails
            {
                Model = single,
                Parameters = parameters,
                Template = LlamaCppModelList.String(props.RootElement, "chat_template"),
                Capabilities = ["completion"],
            };
        }

        // Never /props?model=: it loads the model. The router's list carries the preset the model runs with.
        using var document = await GetJsonAsync("models", model, cancellationToken);
        var models = LlamaCppModelList.Parse(document.RootElement, router: true);
        var entry = models.FirstOrDefault(m => m.Answers(model)) ?? throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
        var preset = document.RootElement.GetProperty("data").EnumerateArray()
            .Where(e => LlamaCppModelList.String(e, "id") == entry.Id && e.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Object)
            .Select(e => LlamaCppModelList.String(e.GetProperty("status"), "preset"))
            .FirstOrDefault();
        var lines = PresetLines(preset);
        return new ModelDetails { Model = entry, Parameters = lines, SamplingDefaults = PresetSampling(lines), Capabilities = ["completion"] };
    }

    /// <summary>The preset's sampling arguments (llama-server's command-line names) under their request names.</summary>
    private static List<KeyValuePair<string, string>> PresetSampling(List<KeyValuePair<string, string>> lines) =>
        lines.Select(l => (Name: SamplingArgument(l.Key), l.Value)).Where(l => l.Name is not null)
            .Select(l => new KeyValuePair<string, string>(l.Name!, l.Value)).ToList();

    /// <summary>A sampling argument's request name: the table's parameters, then the samplers only llama.cpp has.</summary>
    private static string? SamplingArgument(string argument) => SamplingParameters.FromLlamaServerArgument(argument)?.LlamaCppCompletion ?? argument switch
    {
        "top-nsigma" => "top_n_sigma",
        "mirostat" => "mirostat",
        "mirostat-lr" => "mirostat_eta",
        "mirostat-ent" => "mirostat_tau",
        "xtc-probability" => "xtc_probability",
        "xtc-threshold" => "xtc_threshold",
        "dry-multiplier" => "dry_multiplier",
        "dry-base" => "dry_base",
        "dry-allowed-length" => "dry_allowed_length",
        "dry-penalty-last-n" => "dry_penalty_last_n",
        _ => null,
    };

    public IChatClient GetChatClient(string model) => new LlamaCppChatClient(this, model);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => new LlamaCppEmbeddingGenerator(this, model);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _infoGate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Before the first chat with a model: on a router, makes sure it is loaded (loading it when the router would
    /// autoload anyway, and timing that, so the load never counts as time to first token) or asleep (the chat
    /// request itself wakes it); on a single-model server, that the name is the model it serves, because the server
    /// would answer any name with its own model.
    /// </summary>
    internal async Task<LlamaCppChatReadiness> PrepareChatAsync(string model, CancellationToken cancellationToken)
    {
        var info = await GetInfoAsync(cancellationToken);
        if (_readyModels.ContainsKey(model))
        {
            return LlamaCppChatReadiness.Ready(timeProvider);
        }

        if (!info.IsRouter)
        {
            var served = _served ?? First(await ListModelsAsync(cancellationToken));
            if (served is not null && !Matches(served, model))
            {
                throw HostException.ServesOnly(Name, served.Id, ShortName(served));
            }

            _readyModels[model] = 0;
            return LlamaCppChatReadiness.Ready(timeProvider);
        }

        var entry = await FindAsync(model, cancellationToken);
        if (entry.Status == ModelStatus.Loaded)
        {
            _readyModels[model] = 0;
            return LlamaCppChatReadiness.Ready(timeProvider, Metric.Client(0));
        }

        if (entry.Status == ModelStatus.Sleeping)
        {
            // Posting /models/load would get 400 "model is already running" and never wake it; the chat does.
            _readyModels[model] = 0;
            return LlamaCppChatReadiness.Asleep(timeProvider);
        }

        if (info.Capabilities.Autoload == false)
        {
            throw HostException.NotLoaded(model, Name);
        }

        var started = timeProvider.GetTimestamp();
        await LoadAsync(model, entry, null, cancellationToken);
        _readyModels[model] = 0;
        return LlamaCppChatReadiness.Ready(timeProvider, Metric.Client(timeProvider.GetElapsedTime(started).TotalMilliseconds));
    }

    /// <summary>
    /// The id or an alias; a single server's model (named by its <c>-m</c> path) also answers to its file name,
    /// with or without <c>.gguf</c>.
    /// </summary>
    public bool Matches(ModelInfo model, string name)
    {
        if (model.Answers(name))
        {
            return true;
        }

        if (model.Source != LlamaCppModelList.ModelFileSource)
        {
            return false;
        }

        var file = FileName(model.Id);
        return string.Equals(file, name, StringComparison.Ordinal)
            || (file.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && string.Equals(file[..^5], name, StringComparison.Ordinal));
    }

    /// <summary>
    /// The name to type for a model: a single server's model named by a path (<c>/srv/models/x.gguf</c>) answers to
    /// its file name without <c>.gguf</c>, which reads better after <c>host/</c> than the path; other ids as they are.
    /// </summary>
    private static string ShortName(ModelInfo model)
    {
        if (model.Source != LlamaCppModelList.ModelFileSource)
        {
            return model.Id;
        }

        var file = FileName(model.Id);
        return file.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && file.Length > 5 ? file[..^5] : file;
    }

    private static string FileName(string path)
    {
        var file = path.Replace('\\', '/');
        return file[(file.LastIndexOf('/') + 1)..];
    }

    /// <summary>Sends a request, bounding the wait for the response headers by the host timeout.</summary>
    internal Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, bool stream = false) =>
        _http.SendAsync(method, path, content, cancellationToken, stream ? "text/event-stream" : null);

    internal static ByteArrayContent JsonBody(string model) => Json(JsonSerializer.SerializeToUtf8Bytes(new LlamaCppModelRequest(model), LlamaCppJsonContext.Default.LlamaCppModelRequest));

    internal static ByteArrayContent Json(byte[] body) => HostHttp.Json(body);

    private async Task<JsonDocument> GetJsonAsync(string path, string? model, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, model);
        }

        return TryParse(body) ?? throw HostException.Server(Name, model, $"GET /{path} answered something that is not JSON");
    }

    private async Task RequireRouterAsync(CancellationToken cancellationToken)
    {
        if (!(await GetInfoAsync(cancellationToken)).IsRouter)
        {
            throw HostException.SingleModel(Name);
        }
    }

    private async Task<ModelInfo> FindAsync(string model, CancellationToken cancellationToken)
    {
        var models = await ListModelsAsync(cancellationToken);
        return models.FirstOrDefault(m => m.Answers(model)) ?? throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
    }

    private async Task<HostException> NotFoundAsync(string model, CancellationToken cancellationToken)
    {
        var models = await ListModelsAsync(cancellationToken);
        return HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
    }

    /// <summary>The router renders a model's effective preset as INI: <c>[name]</c> then <c>key = value</c> lines.</summary>
    private static List<KeyValuePair<string, string>> PresetLines(string? preset)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var line in (preset ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (!line.StartsWith('[') && equals > 0)
            {
                result.Add(new(line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }
        }

        return result;
    }

    /// <summary>Sampling settings echo as float32 widened to double (0.800000011920929): shown as 0.8.</summary>
    private static string Round(double value) => Math.Round(value, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
