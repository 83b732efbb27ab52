namespace Agon.Hosts.Ollama;

/// <summary>One NDJSON line of <c>POST /api/pull</c>: a status, per-layer progress (<c>digest</c>, <c>total</c>, <c>completed</c>), or an error.</summary>
internal sealed record OllamaPullLine(string? Status, string? Digest, long? Total, long? Completed, string? Error);
