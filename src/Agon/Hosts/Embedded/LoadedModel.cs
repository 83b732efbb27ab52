using LLama;
using LLama.Common;

namespace Agon.Hosts.Embedded;

/// <summary>A model held in memory: its weights, the context size and the threads it runs with.</summary>
internal sealed class LoadedModel(DiscoveredModel model, LLamaWeights weights, int contextSize, int? threads = null) : IDisposable
{
    public DiscoveredModel Model { get; } = model;

    public LLamaWeights Weights { get; } = weights;

    public int ContextSize { get; } = contextSize;

    public long LastUsed { get; set; }

    public string? Metadata(string key) => Weights.Metadata.TryGetValue(key, out var value) ? value : null;

    public string? Architecture => Metadata("general.architecture");

    /// <summary>
    /// Threads for decoding, prompt and generation alike (llama-server's <c>-t</c> and <c>-tb</c>): the configured
    /// count, else one fewer than the physical cores. llama.cpp's workers spin at a barrier per operation; when they
    /// hold every core, any other busy thread (the runtime's, the terminal's, another program's) stalls each barrier
    /// for a scheduler slice, and a 64-token generation that takes 30 ms can take seconds.
    /// </summary>
    public int Threads { get; } = threads ?? DefaultThreads;

    public static int DefaultThreads => Math.Max(1, EmbeddedRuntime.PhysicalCores - 1);

    /// <summary>Context parameters for a new context on these weights.</summary>
    public ModelParams ContextParams(bool embeddings = false) => new(Model.Path)
    {
        ContextSize = (uint)ContextSize,
        GpuLayerCount = 0,
        Threads = Threads,
        BatchThreads = Threads,
        BatchSize = 512,
        UBatchSize = 512,
        Embeddings = embeddings,

        // One sequence per context. LLamaSharp turns the unified KV cache on, and with it llama.cpp checks every batch
        // against all 256 possible sequences (a 256 x 256 table per decode, about a tenth of each token's time on
        // these small models); llama-server with one slot runs without it.
        SeqMax = 1,
        KVUnified = false,
    };

    public void Dispose() => Weights.Dispose();
}
