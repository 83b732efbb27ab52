namespace Agon.Rag;

/// <summary><c>agon embed --output json</c>: the host, the model and one vector per input.</summary>
internal sealed record EmbeddingsDocument(string Host, string Model, int Dimensions, IReadOnlyList<EmbeddingJson> Embeddings);
