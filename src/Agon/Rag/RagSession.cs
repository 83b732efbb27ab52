namespace Agon.Rag;

/// <summary>
/// Retrieval for a run of queries (a preview, a chat turn, an accuracy suite): the index read once, the embedding
/// client opened once, each query embedded and searched in memory.
/// </summary>
internal sealed class RagSession : IAsyncDisposable
{
    private readonly RagEmbedder _embedder;
    private readonly TimeProvider _timeProvider;

    private RagSession(RagOptions options, RagEmbedder embedder, RagRetriever retriever, TimeProvider timeProvider)
    {
        Options = options;
        _embedder = embedder;
        Retriever = retriever;
        _timeProvider = timeProvider;
    }

    public RagOptions Options { get; }

    public RagRetriever Retriever { get; }

    /// <summary>Reads the index at <see cref="RagOptions.IndexPath"/> and opens the embedding host.</summary>
    public static RagSession Open(RagOptions options, Hosts.HostFactory factory, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        RagRetriever retriever;
        using (var index = RagIndex.Open(options.IndexPath, create: false))
        {
            retriever = RagRetriever.Load(index, cancellationToken);
        }

        return new RagSession(options, new RagEmbedder(factory, options.EmbeddingHost, options.EmbeddingModel), retriever, timeProvider);
    }

    public async Task<RagRetrieval> RetrieveAsync(string query, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var vectors = await _embedder.EmbedAsync([query], cancellationToken);
        var embedded = _timeProvider.GetElapsedTime(started);
        var hits = Retriever.Search(vectors[0], Options.TopK, Options.Similarity);
        var elapsed = _timeProvider.GetElapsedTime(started);
        return new RagRetrieval(query, hits, RagContextBlock.Build(hits, Options.ContextTokenLimit), Math.Round(elapsed.TotalMilliseconds, 2), Math.Round(embedded.TotalMilliseconds, 2));
    }

    /// <summary>The context a chat turn gets for <paramref name="prompt"/>: null when the index gave no text (the prompt goes alone).</summary>
    public async Task<Chat.ChatContext?> ContextForAsync(string prompt, CancellationToken cancellationToken)
    {
        var retrieval = await RetrieveAsync(prompt, cancellationToken);
        return retrieval.Context.Words == 0 ? null : new Chat.ChatContext(retrieval.Context.Text, retrieval.Context.Files);
    }

    public ValueTask DisposeAsync() => _embedder.DisposeAsync();
}
