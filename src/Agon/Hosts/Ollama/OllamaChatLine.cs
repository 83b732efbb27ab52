using System.Text.Json;

namespace Agon.Hosts.Ollama;

/// <summary>One NDJSON line of <c>/api/chat</c> or <c>/api/generate</c> as the server writes it (the durations in ns on the last line).</summary>
internal sealed record OllamaChatLine
{
    public string? Model { get; init; }

    public OllamaMessage? Message { get; init; }

    /// <summary><c>/api/generate</c> carries its text at the top level.</summary>
    public string? Response { get; init; }

    public string? Thinking { get; init; }

    public bool Done { get; init; }

    public string? DoneReason { get; init; }

    public long? TotalDuration { get; init; }

    public long? LoadDuration { get; init; }

    public long? PromptEvalCount { get; init; }

    public long? PromptEvalDuration { get; init; }

    public long? EvalCount { get; init; }

    public long? EvalDuration { get; init; }

    public JsonElement? Error { get; init; }
}
