namespace Agon.Hosts.Ollama;

/// <summary>One model of <c>/api/tags</c> or <c>/api/ps</c> (context length, VRAM and expiry only in <c>/api/ps</c>).</summary>
internal sealed record OllamaModelEntry(
    string? Name, string? Model, long? Size, OllamaModelDetails? Details, int? ContextLength, long? SizeVram, string? ExpiresAt);
