using LLama;
using LLama.Common;

namespace Agon.Hosts.Embedded;

/// <summary>A model held in memory: its weights and the context size it runs with.</summary>
internal sealed class LoadedModel(DiscoveredModel model, LLamaWeights weights, int contextSize) : IDisposable
{
    public DiscoveredModel Model { get; } = model;

    public LLamaWeights Weights { get; } = weights;

    public int ContextSize { get; } = contextSize;

    public long LastUsed { get; set; }

    public string? Metadata(string key) => Weights.Metadata.TryGetValue(key, out var value) ? value : null;

    public string? Architecture => Metadata("general.architecture");

    /// <summary>Context parameters for a new context on these weights.</summary>
    public ModelParams ContextParams(bool embeddings = false) => new(Model.Path)
    {
        ContextSize = (uint)ContextSize,
        GpuLayerCount = 0,
        Threads = EmbeddedRuntime.PhysicalCores,
        BatchThreads = EmbeddedRuntime.PhysicalCores,
        BatchSize = 512,
        UBatchSize = 512,
        Embeddings = embeddings,
    };

    public void Dispose() => Weights.Dispose();
}
