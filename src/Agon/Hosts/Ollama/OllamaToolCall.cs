namespace Agon.Hosts.Ollama;

/// <summary>One of a message's <c>tool_calls</c> (Ollama gives ids only in newer versions).</summary>
internal sealed record OllamaToolCall(string? Id, OllamaFunctionCall? Function);
