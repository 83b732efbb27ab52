namespace Agon.Rag;

/// <summary>One retrieved chunk in JSON output: rank, score, file, word offset, words and text.</summary>
internal sealed record RagHitJson(int Rank, double Score, string Doc, int Offset, int Words, string Text)
{
    public static RagHitJson Of(RagHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.Rank, Math.Round(hit.Score, 6), hit.Path, hit.Chunk.WordOffset, hit.Chunk.Words, hit.Chunk.Text);
    }
}
