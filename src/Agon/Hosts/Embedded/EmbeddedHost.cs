using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Hosts.Embedded.HuggingFace;
using Agon.Metrics;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Embedded;

/// <summary>
/// The in-process engine (LLamaSharp over llama.cpp), behaving like a llama.cpp router: it discovers GGUF files,
/// loads them on first use or on request, keeps at most <c>modelsMax</c> in memory (least recently used goes first),
/// and marks a file that will not load as <c>failed</c> with the reason. One model works at a time.
/// </summary>
internal sealed class EmbeddedHost : IModelHost
{
    /// <summary>The model a first run pulls (README: about 250 MB): small, instruction-tuned, not gated.</summary>
    public const string RecommendedModel = "unsloth/gemma-3-270m-it-GGUF:Q4_K_M";

    private readonly IAgonEnvironment _environment;
    private readonly TimeProvider _timeProvider;
    private readonly Func<HttpClient> _hubHttpFactory;
    private HttpClient? _hubHttp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (GgufHeader? Header, string? Problem)> _headers = new(StringComparer.Ordinal);
    private long _clock;

    public EmbeddedHost(HostConfig config, IAgonEnvironment environment, TimeProvider timeProvider, IAgonLog log, Func<HttpClient>? hubHttp = null)
    {
        Config = config;
        _environment = environment;
        _timeProvider = timeProvider;
        _hubHttpFactory = hubHttp ?? (() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });
        EmbeddedRuntime.Configure(log);
    }

    public HostConfig Config { get; }

    public string Name => Config.Name;

    public int ModelsMax => Config.ModelsMax ?? 1;

    /// <summary>Context size cap (<c>contextSize</c>, default 4096).</summary>
    public int ContextCap => Config.ContextSize ?? 4096;

    /// <summary>
    /// Exact ids, and for pulled models llama.cpp's way: the tag in any case, and <c>owner/repo</c> without a tag for
    /// every tag of the repository.
    /// </summary>
    public bool Matches(ModelInfo model, string name) =>
        model.Answers(name)
        || (model.Source == "cache" && (string.Equals(model.Id, name, StringComparison.OrdinalIgnoreCase)
            || (HubModelName.TryParse(name, out var hub) && hub.Tag.Length == 0 && model.Id.StartsWith(hub.Repo + ":", StringComparison.OrdinalIgnoreCase))));

    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(new HostInfo
    {
        Mode = HostMode.Embedded,
        Version = EmbeddedRuntime.Version,
        MaxLoadedModels = ModelsMax,
        Autoload = true,
        LoadsOutliveTheRun = false,
    });

    public IReadOnlyList<DiscoveredModel> Discover() => GgufDiscovery.Discover(Config.ModelsDirs, _environment);

    public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var result = Discover().Select(Describe).ToList();
        return Task.FromResult<IReadOnlyList<ModelInfo>>(result);
    }

    /// <summary>The in-process engine has no tool mode yet: its chat template is rendered without tools.</summary>
    public Task<bool?> SupportsToolsAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult<bool?>(false);

    public async Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default)
    {
        var found = Find(model);
        var info = Describe(found);
        IReadOnlyDictionary<string, string>? metadata;
        lock (_loaded)
        {
            metadata = _loaded.TryGetValue(found.Id, out var loaded) ? loaded.Weights.Metadata : null;
        }

        // Not in memory: the file's metadata is read with the vocabulary only, which loads no tensors.
        metadata ??= await ReadMetadataAsync(found, cancellationToken);
        var architecture = metadata?.GetValueOrDefault("general.architecture");
        var training = architecture is null ? null : metadata!.GetValueOrDefault(architecture + ".context_length");
        return new ModelDetails
        {
            Model = info with
            {
                Family = info.Family ?? architecture,
                TrainingContextLength = info.TrainingContextLength
                    ?? (int.TryParse(training, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null),
            },
            Parameters = (metadata ?? new Dictionary<string, string>())
                .Where(m => !m.Key.StartsWith("tokenizer.ggml.", StringComparison.Ordinal) && m.Key != "tokenizer.chat_template")
                .OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => new KeyValuePair<string, string>(m.Key, m.Value))
                .ToList(),
            Template = metadata?.GetValueOrDefault("tokenizer.chat_template"),
            Capabilities = info.Capabilities,
            Architecture = architecture,
        };
    }

    private static async Task<IReadOnlyDictionary<string, string>?> ReadMetadataAsync(DiscoveredModel model, CancellationToken cancellationToken)
    {
        try
        {
            using var weights = await LLamaWeights.LoadFromFileAsync(new ModelParams(model.Path) { VocabOnly = true, GpuLayerCount = 0 }, cancellationToken);
            return weights.Metadata.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is LoadWeightsFailedException or RuntimeError or IOException)
        {
            return null;
        }
    }

    public async Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await AcquireLockedAsync(model, progress, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default)
    {
        await LoadAsync(model, null, cancellationToken);
        return ModelStatus.Loaded;
    }

    public async Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default)
    {
        var found = Find(model);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_loaded)
            {
                if (!_loaded.Remove(found.Id, out var loaded))
                {
                    return new UnloadResult(false, $"model {found.Id} was not loaded on host {Name}");
                }

                loaded.Dispose();
                return new UnloadResult(true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PullAsync(model, DownloadOptions.None, progress, cancellationToken);

    /// <summary>Pulls <c>owner/repo[:TAG]</c> from the Hugging Face hub into the shared hub cache (llama.cpp's <c>-hf</c>).</summary>
    public async Task<DownloadResult?> PullAsync(string model, DownloadOptions options, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        if (!HubModelName.TryParse(model, out var name))
        {
            throw HostException.Refused(Name, $"'{model}' is not a Hugging Face model: expected owner/repo[:TAG] (for example {Name}/{RecommendedModel}); or put the GGUF file in {Folders()}");
        }

        var token = options.Token ?? _environment.GetVariable("HF_TOKEN");
        if (token is not null)
        {
            SecretRegistry.Register(token);
        }

        var endpoint = HubEndpoint.Resolve(_environment);
        var root = GgufDiscovery.HubCache(_environment) ?? throw HostException.Refused(Name, "no Hugging Face cache folder: set HF_HUB_CACHE");
        _hubHttp ??= _hubHttpFactory();
        return await new HubPuller(_hubHttp, root, endpoint, token, _timeProvider).PullAsync(name, options.File, progress, cancellationToken);
    }

    /// <summary>
    /// Removes a pulled model by llama.cpp's rule: <c>owner/repo:TAG</c> its snapshot entries and the blobs nothing
    /// else uses, <c>owner/repo</c> the whole repository. Files found in a models folder are never deleted.
    /// </summary>
    public async Task DeleteAsync(string model, CancellationToken cancellationToken = default)
    {
        var models = Discover();
        var found = models.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.Ordinal))
            ?? models.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase));
        if (found is not null && found.Source != "cache")
        {
            throw HostException.Refused(Name, $"{found.Id} is {found.Path} (found in a models folder); Agon deletes only what it pulled into the Hugging Face cache: delete the file yourself");
        }

        var root = GgufDiscovery.HubCache(_environment);
        if (!HubModelName.TryParse(found?.Id ?? model, out var name) || root is null || !Directory.Exists(new HubCacheLayout(root, name).RepoDir))
        {
            throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_loaded)
            {
                foreach (var id in _loaded.Keys.Where(id => name.Tag.Length == 0
                    ? id.StartsWith(name.Repo + ":", StringComparison.OrdinalIgnoreCase)
                    : string.Equals(id, name.ToString(), StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    _loaded.Remove(id, out var loaded);
                    loaded!.Dispose();
                }
            }

            var removed = new HubCacheLayout(root, name).Remove(name.Tag);
            if (removed.Count == 0)
            {
                throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public IChatClient GetChatClient(string model) => new EmbeddedChatClient(this, model, _timeProvider);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => new EmbeddedEmbeddingGenerator(this, model);

    public ValueTask DisposeAsync()
    {
        lock (_loaded)
        {
            foreach (var loaded in _loaded.Values)
            {
                loaded.Dispose();
            }

            _loaded.Clear();
        }

        _gate.Dispose();
        _hubHttp?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs work on one model with the host to itself; loads the model first when needed and reports how long that took.</summary>
    internal async Task<T> WithModelAsync<T>(string model, Func<LoadedModel, Metric?, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = _timeProvider.GetTimestamp();
            var (loaded, wasLoaded) = await AcquireLockedAsync(model, null, cancellationToken);
            var loadMs = wasLoaded ? Metric.Client(0) : Metric.Client(_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return await work(loaded, loadMs);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Holds the host for a stream: the caller releases it when the stream ends.</summary>
    internal async Task<(LoadedModel Model, Metric LoadMs, IDisposable Release)> LeaseAsync(string model, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = _timeProvider.GetTimestamp();
            var (loaded, wasLoaded) = await AcquireLockedAsync(model, null, cancellationToken);
            var loadMs = wasLoaded ? Metric.Client(0) : Metric.Client(_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return (loaded, loadMs, new Releaser(_gate));
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private async Task<(LoadedModel Model, bool WasLoaded)> AcquireLockedAsync(string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var found = Find(model);
        lock (_loaded)
        {
            if (_loaded.TryGetValue(found.Id, out var already))
            {
                already.LastUsed = ++_clock;
                progress?.Report(new ModelProgress(found.Id, ModelStatus.Loaded, 1.0));
                return (already, true);
            }

            while (_loaded.Count >= ModelsMax)
            {
                var victim = _loaded.Values.OrderBy(m => m.LastUsed).First();
                _loaded.Remove(victim.Model.Id);
                victim.Dispose();
            }
        }

        // A file that is not a GGUF, or is cut short, is refused before native code reads it.
        if (Header(found).Problem is { } problem)
        {
            lock (_loaded)
            {
                _failures[found.Id] = problem;
            }

            throw HostException.Server(Name, found.Id, $"failed to load: {problem}");
        }

        progress?.Report(new ModelProgress(found.Id, ModelStatus.Loading, 0.0));
        var reporter = progress is null ? null : new Progress<float>(p => progress.Report(new ModelProgress(found.Id, ModelStatus.Loading, p)));
        LLamaWeights weights;
        try
        {
            weights = await LLamaWeights.LoadFromFileAsync(new ModelParams(found.Path) { GpuLayerCount = 0, ContextSize = (uint)ContextCap }, cancellationToken, reporter);
        }
        catch (Exception ex) when (ex is LoadWeightsFailedException or RuntimeError or IOException or InvalidOperationException or ArgumentException)
        {
            var reason = Reason(found, ex);
            lock (_loaded)
            {
                _failures[found.Id] = reason;
            }

            throw HostException.Server(Name, found.Id, $"failed to load: {reason}");
        }

        var training = weights.ContextSize > 0 ? weights.ContextSize : ContextCap;
        var loaded = new LoadedModel(found, weights, Math.Min(training, ContextCap), Config.Threads) { LastUsed = ++_clock };
        lock (_loaded)
        {
            _failures.Remove(found.Id);
            _loaded[found.Id] = loaded;
        }

        progress?.Report(new ModelProgress(found.Id, ModelStatus.Loaded, 1.0));
        return (loaded, false);
    }

    private static string Reason(DiscoveredModel model, Exception ex) =>
        GgufHeader.TryRead(model.Path).Problem
        ?? $"llama.cpp could not load {Path.GetFileName(model.Path)} (unsupported architecture or damaged file): {ex.Message}";

    private ModelInfo Describe(DiscoveredModel model)
    {
        var (header, problem) = Header(model);
        lock (_loaded)
        {
            var size = new FileInfo(model.Path) is { Exists: true } file ? file.Length : (long?)null;
            var quant = GgufDiscovery.QuantTag(model.Path) ?? header?.Quantization;
            if (_loaded.TryGetValue(model.Id, out var loaded))
            {
                return new ModelInfo
                {
                    Id = model.Id,
                    Status = ModelStatus.Loaded,
                    Source = model.Source,
                    CanRemove = model.Source == "cache",
                    SizeBytes = size,
                    ContextLength = loaded.ContextSize,
                    TrainingContextLength = loaded.Weights.ContextSize,
                    ParameterCount = (long)loaded.Weights.ParameterCount,
                    Family = loaded.Architecture,
                    Quantization = quant,
                    Capabilities = header?.Capabilities ?? [],
                };
            }

            // Not in memory: the header says what the file is, and whether it is one at all.
            var reason = _failures.GetValueOrDefault(model.Id) ?? problem;
            return new ModelInfo
            {
                Id = model.Id,
                Status = reason is not null ? ModelStatus.Failed : ModelStatus.Unloaded,
                Reason = reason,
                Source = model.Source,
                CanRemove = model.Source == "cache",
                SizeBytes = size,
                Quantization = quant,
                ContextLength = header?.TrainingContextLength is { } training ? Math.Min(training, ContextCap) : null,
                TrainingContextLength = header?.TrainingContextLength,
                ParameterCount = header?.ParameterCount,
                Family = header?.Architecture,
                Capabilities = header?.Capabilities ?? [],
            };
        }
    }

    /// <summary>The file's GGUF header (read once per file and size), or why it is not a usable GGUF.</summary>
    private (GgufHeader? Header, string? Problem) Header(DiscoveredModel model)
    {
        var info = new FileInfo(model.Path);
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{model.Path}|{(info.Exists ? info.Length : -1)}|{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}");
        lock (_headers)
        {
            if (_headers.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var read = GgufHeader.TryRead(model.Path);
        lock (_headers)
        {
            _headers[key] = read;
        }

        return read;
    }

    private DiscoveredModel Find(string model)
    {
        var models = Discover();
        return models.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.Ordinal))
            ?? models.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase))
            ?? throw (models.Count == 0
                ? HostException.Refused(Name, $"no GGUF model found; put a .gguf file in {Folders()} or pass --models-dir DIR")
                : HostException.ModelNotFound(model, Name, models.Select(m => m.Id)));
    }

    internal string Folders()
    {
        var folders = Config.ModelsDirs.ToList();
        folders.Add(GgufDiscovery.HubCache(_environment) ?? "~/.cache/huggingface/hub");
        return string.Join(", ", folders.Distinct());
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
