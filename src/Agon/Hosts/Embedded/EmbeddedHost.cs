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
internal sealed partial class EmbeddedHost : IModelHost
{
    /// <summary>The model a first run pulls (README: about 250 MB): small, instruction-tuned, not gated.</summary>
    public const string Recommended = "unsloth/gemma-3-270m-it-GGUF:Q4_K_M";

    /// <summary>The engine in this process loads, unloads, pulls from Hugging Face and deletes what it pulled.</summary>
    private static readonly HostCapabilities s_capabilities = new() { CanLoad = true, CanPull = true, CanDelete = true, ReportsLoadState = true, PullsForChat = true };

    public string? RecommendedModel => Recommended;

    public Task<HostCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) => Task.FromResult(Capabilities);

    /// <summary>At most <c>modelsMax</c> models (the least recently used one goes), loaded on first use, gone when agon exits.</summary>
    private HostCapabilities Capabilities => s_capabilities with { MaxLoadedModels = ModelsMax, Autoload = true, LoadsOutliveTheRun = false };

    public string NoModelsHint(string found) =>
        $"no model to chat with{found}: run agon pull models {Name}/{Recommended} (about 250 MB; agon chat --pull pulls it and chats), or put a GGUF file in {ModelPlaces} (or pass --models-dir DIR), or configure a llama.cpp or Ollama host (see config/examples/)";

    public string EmptyListHint =>
        $"host {Name} has no models: put a GGUF file in {ModelPlaces} (or pass --models-dir DIR), or pull one: agon pull models {Name}/{Recommended} (about 250 MB)";

    private string ModelPlaces => string.Join(" or ", Config.ModelsDirs.Append("~/.cache/huggingface/hub"));

    public void CheckPullName(string model) => HuggingFace.HubModelName.Parse(model);

    private readonly IAgonEnvironment _environment;
    private readonly TimeProvider _timeProvider;
    private readonly Func<HttpClient> _hubHttpFactory;
    private HttpClient? _hubHttp;
    private readonly EmbeddedGate _gate = new();
    private readonly EmbeddedModelCache _loaded = new();
    private readonly GgufFileCheck _files = new();

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
        Capabilities = Capabilities,
    });

    public IReadOnlyList<DiscoveredModel> Discover() => GgufDiscovery.Discover(Config.ModelsDirs, _environment);

    public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var result = Discover().Select(Describe).ToList();
        return Task.FromResult<IReadOnlyList<ModelInfo>>(result);
    }

    /// <summary>Every model takes tools: the engine's tool mode constrains the answer to a valid call or text (<see cref="EmbeddedToolMode"/>).</summary>
    public Task<bool?> SupportsToolsAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult<bool?>(true);

    public async Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default)
    {
        var found = Find(model);
        var info = Describe(found);
        var metadata = _loaded.Read(found.Id, (loaded, _) => loaded?.Weights.Metadata);

        // Not in memory: the file's metadata is read with the vocabulary only, which loads no tensors.
        metadata ??= await EmbeddedModelMetadata.ReadAsync(found, cancellationToken);
        return EmbeddedModelMetadata.Details(info, metadata);
    }

    public async Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using (await _gate.EnterAsync(cancellationToken))
        {
            await AcquireLockedAsync(model, progress, cancellationToken);
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
        using (await _gate.EnterAsync(cancellationToken))
        {
            return _loaded.Remove(found.Id)
                ? new UnloadResult(true)
                : new UnloadResult(false, $"model {found.Id} was not loaded on host {Name}");
        }
    }

    public Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PullAsync(model, DownloadOptions.None, progress, cancellationToken);

    /// <summary>Pulls <c>owner/repo[:TAG]</c> from the Hugging Face hub into the shared hub cache (llama.cpp's <c>-hf</c>).</summary>
    public async Task<DownloadResult?> PullAsync(string model, DownloadOptions options, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        if (!HubModelName.TryParse(model, out var name))
        {
            throw HostException.Refused(Name, $"'{model}' is not a Hugging Face model: expected owner/repo[:TAG] (for example {Name}/{Recommended}); or put the GGUF file in {Folders()}");
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

        using (await _gate.EnterAsync(cancellationToken))
        {
            _loaded.RemoveWhere(id => name.Tag.Length == 0
                ? id.StartsWith(name.Repo + ":", StringComparison.OrdinalIgnoreCase)
                : string.Equals(id, name.ToString(), StringComparison.OrdinalIgnoreCase));
            var removed = new HubCacheLayout(root, name).Remove(name.Tag);
            if (removed.Count == 0)
            {
                throw HostException.ModelNotFound(model, Name, models.Select(m => m.Id));
            }
        }
    }

    public IChatClient GetChatClient(string model) => new EmbeddedChatClient(this, model, _timeProvider);

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model) => new EmbeddedEmbeddingGenerator(this, model);

    public ValueTask DisposeAsync()
    {
        _loaded.Dispose();
        _gate.Dispose();
        _hubHttp?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs work on one model with the host to itself; loads the model first when needed and reports how long that took.</summary>
    internal async Task<T> WithModelAsync<T>(string model, Func<LoadedModel, Metric?, Task<T>> work, CancellationToken cancellationToken)
    {
        using (await _gate.EnterAsync(cancellationToken))
        {
            var started = _timeProvider.GetTimestamp();
            var (loaded, wasLoaded) = await AcquireLockedAsync(model, null, cancellationToken);
            var loadMs = wasLoaded ? Metric.Client(0) : Metric.Client(_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return await work(loaded, loadMs);
        }
    }

    /// <summary>
    /// Holds the host for a stream of generated text: the caller releases it when the stream ends. An encoder model
    /// (a BERT GGUF) is refused before it is loaded: it only embeds.
    /// </summary>
    internal async Task<(LoadedModel Model, Metric LoadMs, IDisposable Release)> LeaseAsync(string model, CancellationToken cancellationToken)
    {
        var release = await _gate.EnterAsync(cancellationToken);
        try
        {
            var started = _timeProvider.GetTimestamp();
            var (loaded, wasLoaded) = await AcquireLockedAsync(model, null, cancellationToken, writesText: true);
            var loadMs = wasLoaded ? Metric.Client(0) : Metric.Client(_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return (loaded, loadMs, release);
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    private async Task<(LoadedModel Model, bool WasLoaded)> AcquireLockedAsync(string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken, bool writesText = false)
    {
        var found = Find(model);
        if (writesText && _files.Header(found).Header is { EmbeddingOnly: true } header)
        {
            throw HostException.Server(Name, found.Id,
                $"cannot write text: it is an embedding model ({header.Architecture}, an encoder); embed with it (agon embed --target {Name}/{found.Id}) or chat with another");
        }

        if (_loaded.TryUse(found.Id, out var already))
        {
            progress?.Report(new ModelProgress(found.Id, ModelStatus.Loaded, 1.0));
            return (already, true);
        }

        _loaded.MakeRoom(ModelsMax);

        // A file that is not a GGUF, or is cut short, is refused before native code reads it.
        if (_files.Header(found).Problem is { } problem)
        {
            _loaded.Fail(found.Id, problem);

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
            var reason = GgufFileCheck.LoadFailure(found, ex);
            _loaded.Fail(found.Id, reason);

            throw HostException.Server(Name, found.Id, $"failed to load: {reason}");
        }

        var training = weights.ContextSize > 0 ? weights.ContextSize : ContextCap;
        var loaded = new LoadedModel(found, weights, Math.Min(training, ContextCap), Config.Threads);
        _loaded.Add(loaded);

        progress?.Report(new ModelProgress(found.Id, ModelStatus.Loaded, 1.0));
        return (loaded, false);
    }

    private ModelInfo Describe(DiscoveredModel model)
    {
        var (header, problem) = _files.Header(model);
        var size = new FileInfo(model.Path) is { Exists: true } file ? file.Length : (long?)null;
        var quantization = GgufDiscovery.QuantTag(model.Path) ?? header?.Quantization;
        return _loaded.Read(model.Id, (loaded, failure) => loaded is not null
            ? EmbeddedModelMetadata.Loaded(model, loaded, header, size, quantization)
            : EmbeddedModelMetadata.NotLoaded(model, header, failure ?? problem, size, quantization, ContextCap));
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
}
