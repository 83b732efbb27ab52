namespace Agon.Rag;

/// <summary><c>ragSimilarity</c>: cosine (the default) or the plain dot product (for vectors the model normalises).</summary>
internal enum RagSimilarity
{
    Cosine,
    Dot,
}
