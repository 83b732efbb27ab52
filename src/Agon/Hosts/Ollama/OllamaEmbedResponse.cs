namespace Agon.Hosts.Ollama;

/// <summary><c>POST /api/embed</c>: one vector per input, and the tokens read.</summary>
internal sealed record OllamaEmbedResponse(IReadOnlyList<float[]>? Embeddings, long? PromptEvalCount);
