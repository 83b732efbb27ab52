using System.Collections.Concurrent;
using System.Net;
using System.Text;
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
internal sealed class LlamaCppHost(HostConfig config, HttpClient http, TimeProvider timeProvider, LlamaCppHostOptions? options = null) : IModelHost
{
    private readonly LlamaCppHostOptions _options = options ?? LlamaCppHostOptions.Default;
    private readonly HostHttp _http = new(config, http);
    private readonly SemaphoreSlim _infoGate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _readyModels = new(StringComparer.Ordinal);
    private HostInfo? _info;

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

    public async Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(cancellationToken);
        if (!info.IsRouter)
        {
            // A single server's /props describes its one model (and loads nothing: it is already loaded).
            var single = (await ListModelsAsync(cancellationToken))[0];
            using var props = await GetJsonAsync("props", null, cancellationToken);
            var parameters = new List<KeyValuePair<string, string>>();
            if (props.RootElement.TryGetProperty("default_generation_settings", out var settings) && settings.ValueKind == JsonValueKind.Object
                && settings.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject().Where(x => x.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False))
                {
                    parameters.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.Number ? Round(property.Value.GetDouble()) : property.Value.ToString()));
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
        return new ModelDetails { Model = entry, Parameters = PresetLines(preset), Capabilities = ["completion"] };
    }

    public async Task StartLoadAsync(string model, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        var entry = await FindAsync(model, cancellationToken);
        if (ModelStatus.IsRunning(entry.Status))
        {
            return;
        }

        using var response = await SendAsync(HttpMethod.Post, "models/load", JsonBody(entry.Id), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode && !IsAlreadyRunning(body))
        {
            throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, entry.Id);
        }
    }

    public async Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.Timeout);
        try
        {
            var entry = await FindAsync(model, timeout.Token);
            if (entry.Status == ModelStatus.Loaded)
            {
                progress?.Report(new ModelProgress(entry.Id, ModelStatus.Loaded, 1.0));
                _readyModels[entry.Id] = 0;
                return;
            }

            using var events = await ModelEventFeed.OpenAsync(http, timeout.Token);
            using (var response = await SendAsync(HttpMethod.Post, "models/load", JsonBody(entry.Id), timeout.Token))
            {
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                    if (!IsAlreadyRunning(body))
                    {
                        throw response.StatusCode == HttpStatusCode.NotFound
                            ? await NotFoundAsync(model, timeout.Token)
                            : LlamaCppErrors.FromBody(response.StatusCode, body, Name, entry.Id);
                    }
                }
            }

            progress?.Report(new ModelProgress(entry.Id, ModelStatus.Loading, 0.0));
            if (events is null || !await WaitForLoadEventsAsync(events, entry.Id, progress, timeout.Token))
            {
                await PollUntilLoadedAsync(entry.Id, progress, timeout.Token);
            }

            _readyModels[entry.Id] = 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.TimedOut(Name, $"loading {model}", Config.Timeout);
        }
    }

    public async Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.Timeout);
        try
        {
            _readyModels.TryRemove(model, out _);
            using (var response = await SendAsync(HttpMethod.Post, "models/unload", JsonBody(model), timeout.Token))
            {
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                    var message = ChatChunkParser.ParseError(body)?.Message ?? "";
                    if (message.Contains("not running", StringComparison.Ordinal) || message.Contains("not loaded", StringComparison.Ordinal))
                    {
                        return new UnloadResult(false, $"model {model} was not loaded on host {Name}");
                    }

                    throw message.Contains("not found", StringComparison.Ordinal) || response.StatusCode == HttpStatusCode.NotFound
                        ? await NotFoundAsync(model, timeout.Token)
                        : LlamaCppErrors.FromBody(response.StatusCode, body, Name, model);
                }
            }

            // The unload is asynchronous: wait until the router reports it, so a following load can use the slot.
            while (true)
            {
                var entry = (await ListModelsAsync(timeout.Token)).FirstOrDefault(m => m.Answers(model));
                if (entry is null || !ModelStatus.IsRunning(entry.Status))
                {
                    return new UnloadResult(true);
                }

                await Task.Delay(_options.PollInterval, timeProvider, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.TimedOut(Name, $"unloading {model}", Config.Timeout);
        }
    }

    public async Task DownloadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        using var events = await ModelEventFeed.OpenAsync(http, cancellationToken);
        using (var response = await SendAsync(HttpMethod.Post, "models", JsonBody(model), cancellationToken))
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if ((ChatChunkParser.ParseError(body)?.Message ?? "").Contains("already exists", StringComparison.Ordinal))
                {
                    progress?.Report(new ModelProgress(model, ModelStatus.Downloaded, 1.0));
                    return;
                }

                throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, model);
            }
        }

        progress?.Report(new ModelProgress(model, ModelStatus.Downloading, 0.0));
        if (events is not null)
        {
            await foreach (var e in events.ReadAsync(cancellationToken))
            {
                if (!Matches(e.Model, model))
                {
                    continue;
                }

                switch (e.Event)
                {
                    case "download_progress":
                        var fraction = e.TotalBytes is > 0 ? (double)e.DoneBytes.GetValueOrDefault() / e.TotalBytes.Value : (double?)null;
                        progress?.Report(new ModelProgress(model, ModelStatus.Downloading, fraction, e.DoneBytes, e.TotalBytes));
                        break;
                    case "download_finished":
                        progress?.Report(new ModelProgress(model, ModelStatus.Downloaded, 1.0));
                        return;
                    case "download_failed":
                        throw HostException.Server(Name, model, "download failed" + (e.Error is null ? "" : ": " + e.Error));
                }
            }
        }

        // No event feed (or it closed): watch the list until the model is no longer downloading.
        while (true)
        {
            var entry = (await ListModelsAsync(cancellationToken)).FirstOrDefault(m => Matches(m.Id, model));
            if (entry is not null && entry.Status is not ModelStatus.Downloading)
            {
                progress?.Report(new ModelProgress(model, ModelStatus.Downloaded, 1.0));
                return;
            }

            await Task.Delay(_options.PollInterval, timeProvider, cancellationToken);
        }
    }

    public async Task RemoveAsync(string model, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        var entry = await FindAsync(model, cancellationToken);
        if (!entry.CanRemove)
        {
            throw HostException.Refused(Name,
                $"model {entry.Id} comes from {entry.Source ?? "the server's configuration"} and cannot be removed through the API; only models downloaded into the cache can (delete the file on the host instead)");
        }

        _readyModels.TryRemove(entry.Id, out _);
        using var response = await SendAsync(HttpMethod.Delete, "models?model=" + Uri.EscapeDataString(entry.Id), null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await LlamaCppErrors.FromResponseAsync(response, Name, entry.Id, embeddings: false, cancellationToken);
        }
    }

    public IChatClient GetChatClient(string model) => new LlamaCppChatClient(this, model);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => new LlamaCppEmbeddingGenerator(this, model);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _infoGate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Before the first chat with a model on a router: makes sure it is loaded (loading it when the router
    /// would autoload anyway) and returns how long that took, so the load never counts as time to first token.
    /// </summary>
    internal async Task<Metric?> PrepareChatAsync(string model, CancellationToken cancellationToken)
    {
        var info = await GetInfoAsync(cancellationToken);
        if (!info.IsRouter || _readyModels.ContainsKey(model))
        {
            return null;
        }

        var entry = await FindAsync(model, cancellationToken);
        if (entry.Status == ModelStatus.Loaded)
        {
            _readyModels[model] = 0;
            return Metric.Client(0);
        }

        if (info.Autoload == false)
        {
            throw HostException.NotLoaded(model, Name);
        }

        var started = timeProvider.GetTimestamp();
        await LoadAsync(model, null, cancellationToken);
        _readyModels[model] = 0;
        return Metric.Client(timeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Sends a request, bounding the wait for the response headers by the host timeout.</summary>
    internal Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, bool stream = false) =>
        _http.SendAsync(method, path, content, cancellationToken, stream ? "text/event-stream" : null);

    internal static ByteArrayContent JsonBody(string model) => Json(JsonSerializer.SerializeToUtf8Bytes(new ModelRequest(model), LlamaCppJsonContext.Default.ModelRequest));

    internal static ByteArrayContent Json(byte[] body) => HostHttp.Json(body);

    private async Task<HostInfo> DetectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Config.Timeout);
        var started = timeProvider.GetTimestamp();
        try
        {
            while (true)
            {
                using var response = await SendAsync(HttpMethod.Get, "props", null, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    // A single-model server answers 503 "Loading model" on every route while it starts.
                    await Task.Delay(_options.StartupRetryInterval, timeProvider, timeout.Token);
                    continue;
                }

                var roundTrip = timeProvider.GetElapsedTime(started);
                if (response.IsSuccessStatusCode && TryParse(body) is { } props && props.RootElement.ValueKind == JsonValueKind.Object)
                {
                    using (props)
                    {
                        var root = props.RootElement;
                        var build = LlamaCppModelList.String(root, "build_info");
                        if (LlamaCppModelList.String(root, "role") == "router")
                        {
                            return new HostInfo
                            {
                                Mode = HostMode.Router,
                                Version = build,
                                MaxLoadedModels = (int?)LlamaCppModelList.Long(root, "max_instances") is { } max and > 0 ? max : null,
                                Autoload = root.TryGetProperty("models_autoload", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : null,
                                RoundTrip = roundTrip,
                            };
                        }

                        // No role: a single-model server; /v1/models confirms it (data[0] has no status).
                        using var models = await GetJsonAsync("v1/models", null, timeout.Token);
                        var router = LlamaCppModelList.LooksLikeRouter(models.RootElement) == true;
                        return new HostInfo { Mode = router ? HostMode.Router : HostMode.Single, Version = build, MaxLoadedModels = router ? null : 1, RoundTrip = roundTrip };
                    }
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // An older build without /props: the model list tells the mode.
                    using var models = await GetJsonAsync("v1/models", null, timeout.Token);
                    var router = LlamaCppModelList.LooksLikeRouter(models.RootElement) == true;
                    return new HostInfo { Mode = router ? HostMode.Router : HostMode.Single, MaxLoadedModels = router ? null : 1, RoundTrip = roundTrip };
                }

                throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.TimedOut(Name, "starting up (503 Loading model)", Config.Timeout);
        }
    }

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

    /// <summary>Follows the event feed; false when the feed ended before the model settled.</summary>
    private async Task<bool> WaitForLoadEventsAsync(ModelEventFeed events, string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        await foreach (var e in events.ReadAsync(cancellationToken))
        {
            if (!Matches(e.Model, model) || e.Event is not ("model_status" or "status_change"))
            {
                continue;
            }

            switch (e.Status)
            {
                case ModelStatus.Loading when e.Progress is not null:
                    progress?.Report(new ModelProgress(model, ModelStatus.Loading, e.Progress));
                    break;
                case ModelStatus.Loaded:
                    progress?.Report(new ModelProgress(model, ModelStatus.Loaded, 1.0));
                    return true;
                case ModelStatus.Unloaded:
                    throw HostException.LoadFailed(model, Name, e.ExitCode is 0 ? null : e.ExitCode);
            }
        }

        return false;
    }

    private async Task PollUntilLoadedAsync(string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var sawLoading = false;
        while (true)
        {
            var entry = (await ListModelsAsync(cancellationToken)).FirstOrDefault(m => m.Answers(model));
            switch (entry?.Status)
            {
                case ModelStatus.Loaded:
                    progress?.Report(new ModelProgress(model, ModelStatus.Loaded, 1.0));
                    return;
                case ModelStatus.Failed:
                    throw HostException.LoadFailed(model, Name, entry.ExitCode);
                case ModelStatus.Loading:
                    sawLoading = true;
                    break;
                case ModelStatus.Unloaded when sawLoading:
                    throw HostException.LoadFailed(model, Name, null);
            }

            await Task.Delay(_options.PollInterval, timeProvider, cancellationToken);
        }
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

    private static bool IsAlreadyRunning(byte[] body)
    {
        var message = ChatChunkParser.ParseError(body)?.Message ?? Encoding.UTF8.GetString(body);
        return message.Contains("already running", StringComparison.Ordinal) || message.Contains("already loaded", StringComparison.Ordinal);
    }

    private static bool Matches(string eventModel, string model) => string.Equals(eventModel, model, StringComparison.Ordinal);

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
