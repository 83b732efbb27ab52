using Agon.Metrics;

namespace Agon.Storage;

/// <summary>One stored response of any kind: where it ran, what it measured, how it ended.</summary>
internal sealed record ResponseRecord
{
    public long? Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>One of <see cref="ResponseKind"/>.</summary>
    public required string Kind { get; init; }

    public required string Host { get; init; }

    /// <summary>The host's mode (router, single, ollama, embedded), or what an import knew.</summary>
    public string Backend { get; init; } = "";

    public string? ServerBuild { get; init; }

    public required string Model { get; init; }

    public string? Quantization { get; init; }

    public ResponseMetrics Metrics { get; init; } = new();

    /// <summary>A short hash of the sampling parameters sent, so runs with different settings are not mixed.</summary>
    public string? ParametersHash { get; init; }

    public string? Error { get; init; }

    /// <summary>The benchmark run this response belongs to.</summary>
    public string? RunId { get; init; }

    /// <summary>In a benchmark: <c>cold</c>, <c>warmup</c> or <c>run</c>; in an imported summary: <c>overall</c> or its input-token bucket.</summary>
    public string? Phase { get; init; }

    /// <summary>For accuracy answers: whether it was right.</summary>
    public bool? Correct { get; init; }

    /// <summary>When JSON was asked for (jsonMode, a schema, an <c>is-json</c> check): whether the answer was valid JSON.</summary>
    public bool? JsonValid { get; init; }

    /// <summary>For accuracy answers with a <c>tool-call</c> check: whether the model called the tool as asked.</summary>
    public bool? ToolCallOk { get; init; }

    /// <summary>Where an imported row came from (the file); null for Agon's own.</summary>
    public string? Origin { get; init; }

    /// <summary>For imported rows: a hash of what the row was read from, so importing the same file twice adds nothing.</summary>
    public string? ImportKey { get; init; }

    /// <summary>For an imported summary (<see cref="ResponseKind.Summary"/>): how many responses its figures stand for.</summary>
    public long? Summarised { get; init; }
}
