using Agon.Configuration;
using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Rag;

/// <summary>The embedding generator of one host and model (<c>ragEmbeddingHost</c>/<c>ragEmbeddingModel</c>, or <c>embed --target</c>), owning the host client.</summary>
internal sealed class RagEmbedder : IAsyncDisposable
{
    private readonly IModelHost _host;

    public RagEmbedder(HostFactory factory, HostConfig host, string model)
        : this(CheckNotNull(factory).Create(host), model)
    {
    }

    /// <summary>Over a host already made (the benchmark); disposing the embedder disposes it.</summary>
    public RagEmbedder(IModelHost host, string model)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        Host = host.Name;
        Model = model;
        Generator = host.GetEmbeddingGenerator(model);
    }

    public string Host { get; }

    public string Model { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    /// <summary>One vector per text, in order.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var embeddings = await Generator.GenerateAsync(texts, null, cancellationToken);
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static HostFactory CheckNotNull(HostFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory;
    }
}
