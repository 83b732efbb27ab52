namespace Agon.Hosts.Ollama;

/// <summary><c>GET /api/tags</c> (installed models) and <c>GET /api/ps</c> (loaded ones).</summary>
internal sealed record OllamaModelList(IReadOnlyList<OllamaModelEntry>? Models);
