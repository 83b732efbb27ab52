namespace Agon.Hosts.LlamaCpp;

/// <summary>llama.cpp's error envelope <c>{"error":{"code","message","type"}}</c>, with the context-size extras.</summary>
internal sealed record LlamaCppServerError(int? Code, string? Message, string? Type, long? PromptTokens = null, long? ContextSize = null);
