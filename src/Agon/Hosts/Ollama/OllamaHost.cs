using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Agon.Configuration;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Ollama;

/// <summary>
/// An Ollama server: models from <c>/api/tags</c> joined with <c>/api/ps</c>, load and unload through
/// <c>/api/generate</c> with <c>keep_alive</c>, pulls with per-layer progress, deletes, details from <c>/api/show</c>.
/// </summary>
internal sealed class OllamaHost(HostConfig config, HttpClient http, TimeProvider timeProvider) : IModelHost
{
    private HostInfo? _info;

    public HostConfig Config { get; } = config;

    public string Name => Config.Name;

    internal HostHttp Http { get; } = new(config, http, timeProvider);

    internal TimeProvider TimeProvider => timeProvider;

    public bool Matches(ModelInfo model, string name) => OllamaNames.Same(model.Id, name);

    /// <summary>Ollama loads on request (waiting for the model), unloads, pulls and deletes through its API.</summary>
    private static readonly HostCapabilities s_capabilities = new() { CanLoad = true, CanPull = true, CanDelete = true, ReportsLoadState = true };

    /// <summary>Known without asking the server.</summary>
    public Task<HostCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) => Task.FromResult(s_capabilities);

    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        if (_info is { } known)
        {
            return known;
        }

        var started = timeProvider.GetTimestamp();
        var version = await GetJsonAsync("api/version", OllamaJsonContext.Default.OllamaVersion, cancellationToken);
        return _info = new HostInfo
        {
            Mode = HostMode.Ollama,
            Capabilities = s_capabilities,
            Version = version.Version,
            RoundTrip = timeProvider.GetElapsedTime(started),
        };
    }

    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var tagsTask = GetJsonAsync("api/tags", OllamaJsonContext.Default.OllamaModelList, cancellationToken);
        var psTask = GetJsonAsync("api/ps", OllamaJsonContext.Default.OllamaModelList, cancellationToken);
        var tags = await tagsTask;
        var ps = await psTask;
        var running = new Dictionary<string, OllamaModelEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in ps.Models ?? [])
        {
            running[OllamaNames.Normalize(model.Name ?? "")] = model;
        }

        var result = new List<ModelInfo>();
        foreach (var model in tags.Models ?? [])
        {
            if ((model.Name ?? model.Model) is not { } name)
            {
                continue;
            }

            var run = running.GetValueOrDefault(OllamaNames.Normalize(name));
            result.Add(new ModelInfo
            {
                Id = name,
                Status = run is not null ? ModelStatus.Loaded : ModelStatus.Available,
                Source = "ollama",
                CanRemove = true,
                SizeBytes = model.Size,
                Family = model.Details?.Family,
                ParameterSize = model.Details?.ParameterSize,
                Quantization = model.Details?.QuantizationLevel,
                ContextLength = run is not null ? run.ContextLength : model.Details?.ContextLength,
                SizeVram = run?.SizeVram,
                LoadedSizeBytes = run?.Size,
                ExpiresAt = run?.ExpiresAt is { } expires
                    && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null,
            });
        }

        return result;
    }

    /// <summary>Ollama lists <c>tools</c> among a model's capabilities when its template takes them.</summary>
    public async Task<bool?> SupportsToolsAsync(string model, CancellationToken cancellationToken = default)
    {
        var details = await DescribeAsync(model, cancellationToken);
        return details.Capabilities.Count == 0 ? null : details.Capabilities.Contains("tools", StringComparer.Ordinal);
    }

    public async Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default)
    {
        var models = await ListModelsAsync(cancellationToken);
        var entry = models.FirstOrDefault(m => OllamaNames.Same(m.Id, model)) ?? throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
        using var response = await Http.SendAsync(HttpMethod.Post, "api/show", HostHttp.Json(ModelBody(entry.Id, null)), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response.StatusCode, bytes, entry.Id, cancellationToken);
        }

        var show = HostJson.Parse(bytes, OllamaJsonContext.Default.OllamaShow, Name, entry.Id, "/api/show");
        return new ModelDetails
        {
            Model = entry with { TrainingContextLength = show.TrainedContext ?? entry.TrainingContextLength },
            Parameters = ParseParameters(show.Parameters),
            Template = show.Template,
            SystemPrompt = show.System,
            Capabilities = show.Capabilities ?? [],
            Architecture = show.Architecture,
        };
    }

    public async Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // Ollama reports nothing while it loads: no fraction, so the terminal shows a spinner.
        progress?.Report(new ModelProgress(model, ModelStatus.Loading));
        await GenerateAsync(model, Config.KeepAlive, cancellationToken);
        progress?.Report(new ModelProgress(model, ModelStatus.Loaded, 1.0));
    }

    /// <summary>Ollama loads synchronously: the request returns once the model is in memory.</summary>
    public async Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default)
    {
        await LoadAsync(model, null, cancellationToken);
        return ModelStatus.Loaded;
    }

    public async Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default)
    {
        var models = await ListModelsAsync(cancellationToken);
        var entry = models.FirstOrDefault(m => OllamaNames.Same(m.Id, model)) ?? throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
        if (entry.Status != ModelStatus.Loaded)
        {
            return new UnloadResult(false, $"model {entry.Id} was not loaded on host {Name}");
        }

        await GenerateAsync(entry.Id, "0", cancellationToken);
        return new UnloadResult(true);
    }

    public async Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var response = await Http.SendAsync(HttpMethod.Post, "api/pull", HostHttp.Json(ModelBody(model, null, stream: true)), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            throw OllamaErrors.FromBody(response.StatusCode, bytes, Name, model);
        }

        // Layers download side by side: progress is the sum over digests. Cancelling closes the connection,
        // which stops the pull on the server.
        var layers = new Dictionary<string, (long Completed, long Total)>(StringComparer.Ordinal);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var line in NdjsonLines.ReadAsync(stream, cancellationToken))
        {
            var progressLine = ParseLine(line, model);
            if (progressLine.Error is { } error)
            {
                throw HostException.Server(Name, model, "pull failed: " + error);
            }

            var status = progressLine.Status ?? "";
            if (status == "success")
            {
                progress?.Report(new ModelProgress(model, ModelStatus.Downloaded, 1.0, Sum(layers, l => l.Completed), Sum(layers, l => l.Total)));
                return;
            }

            if (progressLine is { Digest: { } digest, Total: { } total })
            {
                layers[digest] = (progressLine.Completed ?? 0, total);
            }

            var done = Sum(layers, l => l.Completed);
            var all = Sum(layers, l => l.Total);
            progress?.Report(new ModelProgress(model, status, all > 0 ? (double)done / all : null, layers.Count > 0 ? done : null, layers.Count > 0 ? all : null));
        }

        throw HostException.Server(Name, model, "the pull ended before the server reported success");
    }

    public async Task DeleteAsync(string model, CancellationToken cancellationToken = default)
    {
        using var response = await Http.SendAsync(HttpMethod.Delete, "api/delete", HostHttp.Json(ModelBody(model, null)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw HostException.NotOnHost(model, Name);
        }

        if (!response.IsSuccessStatusCode)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            throw OllamaErrors.FromBody(response.StatusCode, bytes, Name, model);
        }
    }

    public IChatClient GetChatClient(string model) => new OllamaChatClient(this, model);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => new OllamaEmbeddingGenerator(this, model);

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>An error answer as one line; a 404 for a model names the models the host does have.</summary>
    internal async Task<HostException> ErrorAsync(HttpStatusCode status, byte[] body, string? model, CancellationToken cancellationToken)
    {
        if (status == HttpStatusCode.NotFound && model is not null
            && (OllamaErrors.Message(body) ?? "").Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var models = await ListModelsAsync(cancellationToken);
                return HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
            }
            catch (HostException)
            {
                return HostException.ModelNotFound(model, Name, []);
            }
        }

        return OllamaErrors.FromBody(status, body, Name, model);
    }

    private async Task GenerateAsync(string model, string? keepAlive, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(HttpMethod.Post, "api/generate", HostHttp.Json(ModelBody(model, keepAlive)), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response.StatusCode, bytes, model, cancellationToken);
        }

        // Without a prompt the server answers one object; an error may still arrive as a line.
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (OllamaErrors.Message(Encoding.UTF8.GetBytes(line)) is { } error)
            {
                throw HostException.Server(Name, model, error);
            }
        }
    }

    private OllamaPullLine ParseLine(string line, string model)
    {
        try
        {
            return JsonSerializer.Deserialize(line, OllamaJsonContext.Default.OllamaPullLine) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw HostException.Server(Name, model, "the pull progress carried a line that is not JSON: " + (line.Length > 200 ? line[..200] + "…" : line));
        }
    }

    private static byte[] ModelBody(string model, string? keepAlive, bool stream = false)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            if (keepAlive is not null)
            {
                OllamaChatRequestWriter.WriteKeepAlive(w, keepAlive);
            }

            if (stream)
            {
                w.WriteBoolean("stream", true);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<T> GetJsonAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(HttpMethod.Get, path, null, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw OllamaErrors.FromBody(response.StatusCode, bytes, Name, null);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw HostException.Server(Name, null, $"GET /{path} answered something that is not JSON; is this an Ollama server?");
        }
    }

    private static long Sum(Dictionary<string, (long Completed, long Total)> layers, Func<(long Completed, long Total), long> pick) =>
        layers.Values.Sum(pick);

    /// <summary>Modelfile <c>PARAMETER</c> lines: <c>temperature 0.6</c>, <c>stop "&lt;|eot|&gt;"</c> (repeatable).</summary>
    private static List<KeyValuePair<string, string>> ParseParameters(string? text)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOfAny([' ', '\t']);
            if (space > 0)
            {
                result.Add(new(line[..space], line[(space + 1)..].Trim()));
            }
        }

        return result;
    }
}
