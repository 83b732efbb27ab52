namespace Agon.Hosts.Ollama;

/// <summary>The <c>message</c> of a chat line.</summary>
internal sealed record OllamaMessage(string? Content, string? Thinking, IReadOnlyList<OllamaToolCall>? ToolCalls);
