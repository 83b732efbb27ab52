using LLama;
using LLama.Native;

namespace Agon.Hosts.Embedded;

/// <summary>Embeddings from the in-process engine: pooling as the model's metadata says, mean otherwise; one batch, one load.</summary>
internal sealed class EmbeddedEmbeddingGenerator(EmbeddedHost host, string model)
    : BatchedEmbeddingGenerator("embedded", null, host.Name, model, int.MaxValue, countsTokens: false)
{
    protected override Task<(IReadOnlyList<float[]> Vectors, long? PromptTokens, string? ModelId)> EmbedBatchAsync(List<string> batch, CancellationToken cancellationToken) =>
        host.WithModelAsync(Model, async (loaded, _) =>
        {
            var parameters = loaded.ContextParams(embeddings: true);
            parameters.PoolingType = loaded.Architecture is { } arch && loaded.Metadata(arch + ".pooling_type") is not null
                ? LLamaPoolingType.Unspecified
                : LLamaPoolingType.Mean;
            using var embedder = new LLamaEmbedder(loaded.Weights, parameters);
            var vectors = new List<float[]>();
            foreach (var value in batch)
            {
                vectors.Add((await embedder.GetEmbeddings(value, cancellationToken))[0]);
            }

            return ((IReadOnlyList<float[]>)vectors, (long?)null, (string?)loaded.Model.Id);
        }, cancellationToken);
}
