namespace Agon.Rag;

/// <summary>One vector of <c>agon embed</c>: its input's index and text, the vector; host and model on NDJSON lines.</summary>
internal sealed record EmbeddingJson
{
    public string? Host { get; init; }

    public string? Model { get; init; }

    public int Index { get; init; }

    public required string Text { get; init; }

    public int Dimensions { get; init; }

    public required float[] Vector { get; init; }
}
