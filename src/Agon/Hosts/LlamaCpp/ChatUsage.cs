namespace Agon.Hosts.LlamaCpp;

/// <summary>OpenAI <c>usage</c>.</summary>
internal sealed record ChatUsage(long? PromptTokens, long? CompletionTokens, long? TotalTokens, long? CachedTokens);
