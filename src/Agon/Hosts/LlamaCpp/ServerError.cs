namespace Agon.Hosts.LlamaCpp;

/// <summary>llama.cpp's error envelope <c>{"error":{"code","message","type"}}</c>, with the context-size extras.</summary>
internal sealed record ServerError(int? Code, string? Message, string? Type, long? PromptTokens = null, long? ContextSize = null);
