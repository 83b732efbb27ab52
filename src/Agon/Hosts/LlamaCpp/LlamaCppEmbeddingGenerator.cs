using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.LlamaCpp;

/// <summary><see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over <c>POST /v1/embeddings</c> (batched, float encoding).</summary>
internal sealed class LlamaCppEmbeddingGenerator(LlamaCppHost host, string model) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Inputs per request; larger batches are split.</summary>
    public const int BatchSize = 64;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>();
        long promptTokens = 0;
        for (var start = 0; start < inputs.Count; start += BatchSize)
        {
            var batch = inputs.GetRange(start, Math.Min(BatchSize, inputs.Count - start));
            using var response = await host.SendAsync(HttpMethod.Post, "v1/embeddings", LlamaCppHost.Json(Body(batch)), cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw LlamaCppErrors.FromBody(response.StatusCode, bytes, host.Name, model, embeddings: true);
            }

            using var document = HostJson.ParseObject(bytes, host.Name, model, "embeddings");
            var vectors = new SortedList<int, float[]>();
            foreach (var item in document.RootElement.GetProperty("data").EnumerateArray())
            {
                var index = item.TryGetProperty("index", out var i) ? i.GetInt32() : vectors.Count;
                vectors[index] = HostJson.ReadVector(item.GetProperty("embedding"));
            }

            if (vectors.Count != batch.Count)
            {
                throw HostException.Server(host.Name, model, $"asked for {batch.Count} embeddings, got {vectors.Count}");
            }

            foreach (var vector in vectors.Values)
            {
                result.Add(new Embedding<float>(vector) { ModelId = model });
            }

            if (document.RootElement.TryGetProperty("usage", out var usage) && LlamaCppModelList.Long(usage, "prompt_tokens") is { } tokens)
            {
                promptTokens += tokens;
            }
        }

        result.Usage = new UsageDetails { InputTokenCount = promptTokens, TotalTokenCount = promptTokens };
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("llama.cpp", host.Config.Url, model)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private byte[] Body(List<string> inputs)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteStrings("input", inputs);
            w.WriteString("encoding_format", "float");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
