using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Ollama;

/// <summary><see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over <c>POST /api/embed</c> (batched input).</summary>
internal sealed class OllamaEmbeddingGenerator(OllamaHost host, string model) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int BatchSize = 64;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>();
        long tokens = 0;
        for (var start = 0; start < inputs.Count; start += BatchSize)
        {
            var batch = inputs.GetRange(start, Math.Min(BatchSize, inputs.Count - start));
            using var response = await host.Http.SendAsync(HttpMethod.Post, "api/embed", HostHttp.Json(Body(batch)), cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw await host.ErrorAsync(response.StatusCode, bytes, model, cancellationToken);
            }

            using var document = HostJson.ParseObject(bytes, host.Name, model, "embeddings");
            var embeddings = document.RootElement.GetProperty("embeddings");
            if (embeddings.GetArrayLength() != batch.Count)
            {
                throw HostException.Server(host.Name, model, $"asked for {batch.Count} embeddings, got {embeddings.GetArrayLength()}");
            }

            foreach (var embedding in embeddings.EnumerateArray())
            {
                result.Add(new Embedding<float>(HostJson.ReadVector(embedding)) { ModelId = model });
            }

            tokens += OllamaChunk.Long(document.RootElement, "prompt_eval_count") ?? 0;
        }

        result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("ollama", host.Config.Url, model)
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
            if (host.Config.KeepAlive is { } keepAlive)
            {
                OllamaChatRequestWriter.WriteKeepAlive(w, keepAlive);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
