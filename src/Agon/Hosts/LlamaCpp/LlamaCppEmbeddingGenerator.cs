namespace Agon.Hosts.LlamaCpp;

/// <summary>Embeddings over <c>POST /v1/embeddings</c> (batched, float encoding).</summary>
internal sealed class LlamaCppEmbeddingGenerator(LlamaCppHost host, string model)
    : BatchedEmbeddingGenerator("llama.cpp", host.Config.Url, host.Name, model, BatchSize, countsTokens: true)
{
    /// <summary>Inputs per request; larger batches are split.</summary>
    public const int BatchSize = 64;

    protected override async Task<(IReadOnlyList<float[]> Vectors, long? PromptTokens, string? ModelId)> EmbedBatchAsync(List<string> batch, CancellationToken cancellationToken)
    {
        using var response = await host.SendAsync(HttpMethod.Post, "v1/embeddings", LlamaCppHost.Json(Body(batch)), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw LlamaCppErrors.FromBody(response.StatusCode, bytes, host.Name, Model, embeddings: true);
        }

        var answer = HostJson.Parse(bytes, LlamaCppJsonContext.Default.LlamaCppEmbeddingResponse, host.Name, Model, "embeddings");
        var vectors = new SortedList<int, float[]>();
        foreach (var item in answer.Data ?? [])
        {
            vectors[item.Index ?? vectors.Count] = item.Embedding ?? [];
        }

        var tokens = answer.Usage?.PromptTokens;
        return ([.. vectors.Values], tokens ?? 0, null);
    }

    private byte[] Body(List<string> inputs) => RequestBody(inputs, w => w.WriteString("encoding_format", "float"));
}
