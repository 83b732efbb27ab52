using Agon.Configuration;
using Microsoft.Extensions.AI;

namespace Agon.Hosts;

/// <summary>
/// One configured host: what it is, what it holds, and the operations on its models. Features work through
/// this seam and never ask which backend they talk to. Every failure is a <see cref="HostException"/> whose
/// message names the host (and the model).
/// </summary>
internal interface IModelHost : IAsyncDisposable
{
    HostConfig Config { get; }

    string Name => Config.Name;

    /// <summary>True when <paramref name="name"/> names <paramref name="model"/> on this host (Ollama: <c>foo</c> = <c>foo:latest</c>).</summary>
    bool Matches(ModelInfo model, string name) => model.Answers(name);

    /// <summary>What the host can do, as data (detected with <see cref="GetInfoAsync"/>, remembered for the run).</summary>
    async Task<HostCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) => (await GetInfoAsync(cancellationToken)).Capabilities;

    /// <summary>What one listed model can do.</summary>
    ModelCapabilities CapabilitiesOf(ModelInfo model) => ModelCapabilities.Of(model);

    /// <summary>The model a first chat pulls when the host has none (<c>chat --pull</c>), or null.</summary>
    string? RecommendedModel => null;

    /// <summary>
    /// The one line a chat shows when the host has no model to chat with; <paramref name="found"/> says why the
    /// listed ones cannot (" (toy-bert only embeds)") or is empty.
    /// </summary>
    string NoModelsHint(string found) => $"host {Name} has no models{found}; pull one (agon pull models MODEL --host {Name}) or give --target host/model";

    /// <summary>The one line <c>list models</c> shows when the host lists no model: where models come from.</summary>
    string EmptyListHint => $"host {Name} has no models: pull one with agon pull models MODEL --host {Name}";

    /// <summary>Refuses, before anything is pulled, a name this host could never pull (a usage error).</summary>
    void CheckPullName(string model)
    {
    }

    /// <summary>Detects what the host is (remembered for the run).</summary>
    Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Every model the host has, with its status. Never loads anything.</summary>
    Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Details of one model, without loading it.</summary>
    Task<ModelDetails> DescribeAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Loads a model and waits until it is ready, reporting progress.</summary>
    Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the host to load a model and returns without waiting (where the host loads asynchronously): the model's
    /// status then (<see cref="ModelStatus.Loading"/> for a load that was asked for; <see cref="ModelStatus.Loaded"/> or
    /// <see cref="ModelStatus.Sleeping"/> when it was already resident).
    /// </summary>
    Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Unloads a model; a model that was not loaded is not an error.</summary>
    Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Pulls (downloads) a model onto the host, reporting progress.</summary>
    Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a model with pull options (<c>--hf-file</c>, <c>--hf-token</c>) and says what reached the disk, where
    /// the host knows (the in-process host); other hosts ignore the options and return null.
    /// </summary>
    async Task<DownloadResult?> PullAsync(string model, DownloadOptions options, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        await PullAsync(model, progress, cancellationToken);
        return null;
    }

    /// <summary>Deletes a model from the host.</summary>
    Task DeleteAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the model can be offered tools (llama.cpp: the chat template's <c>supports_tools</c>; Ollama: the
    /// <c>tools</c> capability); null when the host cannot tell, and tools are sent.
    /// </summary>
    Task<bool?> SupportsToolsAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult<bool?>(null);

    /// <summary>A chat client for one model on this host.</summary>
    IChatClient GetChatClient(string model);

    /// <summary>An embedding generator for one model on this host.</summary>
    IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string model);
}
