using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Hosts;

/// <summary>
/// The one base of the embedding generators: inputs cut into batches of <paramref name="batchSize"/>, one vector per
/// input checked, the model id on each, the prompt tokens summed into the usage (when <paramref name="countsTokens"/>),
/// and the metadata. A backend writes only how one batch is embedded.
/// </summary>
internal abstract class BatchedEmbeddingGenerator(string providerName, Uri? url, string hostName, string model, int batchSize, bool countsTokens)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    protected string Model => model;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>();
        long? tokens = countsTokens ? 0 : null;
        for (var start = 0; start < inputs.Count; start += batchSize)
        {
            var batch = inputs.GetRange(start, Math.Min(batchSize, inputs.Count - start));
            var (vectors, used, modelId) = await EmbedBatchAsync(batch, cancellationToken);
            if (vectors.Count != batch.Count)
            {
                throw HostException.Server(hostName, model, $"asked for {batch.Count} embeddings, got {vectors.Count}");
            }

            foreach (var vector in vectors)
            {
                result.Add(new Embedding<float>(vector) { ModelId = modelId ?? model });
            }

            if (used is { } count)
            {
                tokens = (tokens ?? 0) + count;
            }
        }

        if (tokens is { } total)
        {
            result.Usage = new UsageDetails { InputTokenCount = total, TotalTokenCount = total };
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata(providerName, url, model)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    /// <summary>The JSON request both HTTP backends send: <c>model</c>, <c>input</c>, then the backend's own fields.</summary>
    protected byte[] RequestBody(List<string> inputs, Action<Utf8JsonWriter> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteStrings("input", inputs);
            extra(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One vector per input of <paramref name="batch"/>, in order; the prompt tokens it used, where the backend says;
    /// the model id to record (null: the one asked for).
    /// </summary>
    protected abstract Task<(IReadOnlyList<float[]> Vectors, long? PromptTokens, string? ModelId)> EmbedBatchAsync(
        List<string> batch, CancellationToken cancellationToken);
}
