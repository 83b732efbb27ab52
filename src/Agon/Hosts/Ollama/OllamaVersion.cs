namespace Agon.Hosts.Ollama;

/// <summary><c>GET /api/version</c>.</summary>
internal sealed record OllamaVersion(string? Version);
