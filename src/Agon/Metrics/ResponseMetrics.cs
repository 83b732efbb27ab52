namespace Agon.Metrics;

/// <summary>
/// The figures of one response, with the same meaning on every backend. Each is null when unknown and
/// carries whether the server reported it or the client measured it.
/// </summary>
internal sealed record ResponseMetrics
{
    /// <summary>The key under which adapters put their metrics in a final update's <c>AdditionalProperties</c>.</summary>
    public const string PropertyKey = "agon.metrics";

    /// <summary>From sending the request to the first content (text or reasoning).</summary>
    public Metric? TtftMs { get; init; }

    /// <summary>Time spent loading the model for this request.</summary>
    public Metric? LoadMs { get; init; }

    /// <summary>Prompt tokens processed for this request (not counting the cache).</summary>
    public Metric? PromptTokens { get; init; }

    /// <summary>Prompt tokens reused from the cache.</summary>
    public Metric? CachedTokens { get; init; }

    public Metric? PromptMs { get; init; }

    public Metric? PromptTokensPerSecond { get; init; }

    public Metric? CompletionTokens { get; init; }

    public Metric? GenerationMs { get; init; }

    public Metric? GenerationTokensPerSecond { get; init; }

    /// <summary>From sending the request to the end of the answer.</summary>
    public Metric? TotalMs { get; init; }

    /// <summary>Fills the figures this one lacks from <paramref name="other"/>.</summary>
    public ResponseMetrics Merge(ResponseMetrics? other) => other is null ? this : new ResponseMetrics
    {
        TtftMs = TtftMs ?? other.TtftMs,
        LoadMs = LoadMs ?? other.LoadMs,
        PromptTokens = PromptTokens ?? other.PromptTokens,
        CachedTokens = CachedTokens ?? other.CachedTokens,
        PromptMs = PromptMs ?? other.PromptMs,
        PromptTokensPerSecond = PromptTokensPerSecond ?? other.PromptTokensPerSecond,
        CompletionTokens = CompletionTokens ?? other.CompletionTokens,
        GenerationMs = GenerationMs ?? other.GenerationMs,
        GenerationTokensPerSecond = GenerationTokensPerSecond ?? other.GenerationTokensPerSecond,
        TotalMs = TotalMs ?? other.TotalMs,
    };

    /// <summary>Every figure by its vocabulary name, in a fixed order (for JSON and summaries).</summary>
    public IEnumerable<(string Name, Metric? Value)> All()
    {
        yield return ("ttftMs", TtftMs);
        yield return ("loadMs", LoadMs);
        yield return ("promptTokens", PromptTokens);
        yield return ("cachedTokens", CachedTokens);
        yield return ("promptMs", PromptMs);
        yield return ("promptTokensPerSecond", PromptTokensPerSecond);
        yield return ("completionTokens", CompletionTokens);
        yield return ("generationMs", GenerationMs);
        yield return ("generationTokensPerSecond", GenerationTokensPerSecond);
        yield return ("totalMs", TotalMs);
    }
}
