namespace Agon.Rag;

/// <summary>What <c>agon rag index</c> did (its <c>--json</c> output).</summary>
internal sealed record RagIndexSummary
{
    public required string IndexPath { get; init; }

    /// <summary><c>sqlite</c> or <c>jsonl</c>.</summary>
    public required string Format { get; init; }

    public required string EmbeddingHost { get; init; }

    public required string EmbeddingModel { get; init; }

    public int Dimensions { get; init; }

    public bool Rebuilt { get; init; }

    /// <summary>Files of the corpus after the filters.</summary>
    public int Files { get; init; }

    public int Added { get; init; }

    public int Changed { get; init; }

    public int Removed { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Files left out because they are not text (a NUL byte).</summary>
    public IReadOnlyList<string> SkippedBinary { get; init; } = [];

    public int ChunksEmbedded { get; init; }

    public int Chunks { get; init; }

    public double Seconds { get; init; }

    public double EmbeddingSeconds { get; init; }

    public double ChunksPerSecond { get; init; }

    public double FilesPerSecond { get; init; }
}
