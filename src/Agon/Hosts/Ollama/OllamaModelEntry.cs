namespace Agon.Hosts.Ollama;

/// <summary>One model of <c>/api/tags</c> or <c>/api/ps</c> (the last three only in <c>/api/ps</c>).</summary>
internal sealed record OllamaModelEntry
{
    public string? Name { get; init; }

    public string? Model { get; init; }

    public long? Size { get; init; }

    public OllamaModelDetails? Details { get; init; }

    public int? ContextLength { get; init; }

    public long? SizeVram { get; init; }

    public string? ExpiresAt { get; init; }
}
