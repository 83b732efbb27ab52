namespace Agon.Hosts.Ollama;

/// <summary>Embeddings over <c>POST /api/embed</c> (batched input).</summary>
internal sealed class OllamaEmbeddingGenerator(OllamaHost host, string model)
    : BatchedEmbeddingGenerator("ollama", host.Config.Url, host.Name, model, BatchSize, countsTokens: true)
{
    public const int BatchSize = 64;

    protected override async Task<(IReadOnlyList<float[]> Vectors, long? PromptTokens, string? ModelId)> EmbedBatchAsync(List<string> batch, CancellationToken cancellationToken)
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, "api/embed", HostHttp.Json(Body(batch)), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await host.ErrorAsync(response.StatusCode, bytes, Model, cancellationToken);
        }

        var answer = HostJson.Parse(bytes, OllamaJsonContext.Default.OllamaEmbedResponse, host.Name, Model, "embeddings");
        return (answer.Embeddings ?? [], answer.PromptEvalCount ?? 0, null);
    }

    private byte[] Body(List<string> inputs) => RequestBody(inputs, w =>
    {
        if (host.Config.KeepAlive is { } keepAlive)
        {
            OllamaChatRequestWriter.WriteKeepAlive(w, keepAlive);
        }
    });
}
