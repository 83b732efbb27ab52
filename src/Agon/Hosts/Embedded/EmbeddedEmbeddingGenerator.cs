using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Embedded;

/// <summary>Embeddings from the in-process engine: pooling as the model's metadata says, mean otherwise.</summary>
internal sealed class EmbeddedEmbeddingGenerator(EmbeddedHost host, string model) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        host.WithModelAsync(model, async (loaded, _) =>
        {
            var parameters = loaded.ContextParams(embeddings: true);
            parameters.PoolingType = loaded.Architecture is { } arch && loaded.Metadata(arch + ".pooling_type") is not null
                ? LLamaPoolingType.Unspecified
                : LLamaPoolingType.Mean;
            using var embedder = new LLamaEmbedder(loaded.Weights, parameters);
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var value in values)
            {
                var vectors = await embedder.GetEmbeddings(value, cancellationToken);
                result.Add(new Embedding<float>(vectors[0]) { ModelId = loaded.Model.Id });
            }

            return result;
        }, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("embedded", null, model)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
