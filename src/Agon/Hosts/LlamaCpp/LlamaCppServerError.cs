using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>llama.cpp's error envelope <c>{"error":{"code","message","type"}}</c>, with the context-size extras.</summary>
internal sealed record LlamaCppServerError(
    int? Code,
    string? Message,
    string? Type,
    [property: JsonPropertyName("n_prompt_tokens")] long? PromptTokens = null,
    [property: JsonPropertyName("n_ctx")] long? ContextSize = null);
