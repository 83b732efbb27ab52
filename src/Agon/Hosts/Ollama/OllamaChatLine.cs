using System.Text.Json;

namespace Agon.Hosts.Ollama;

/// <summary>
/// One NDJSON line of <c>/api/chat</c> (a <c>message</c>) or <c>/api/generate</c> (<c>response</c> and <c>thinking</c> at
/// the top level) as the server writes it; the last line carries the counts and the durations in ns.
/// </summary>
internal sealed record OllamaChatLine(
    string? Model, OllamaMessage? Message, string? Response, string? Thinking, bool Done, string? DoneReason,
    long? TotalDuration, long? LoadDuration, long? PromptEvalCount, long? PromptEvalDuration, long? EvalCount, long? EvalDuration,
    JsonElement? Error);
