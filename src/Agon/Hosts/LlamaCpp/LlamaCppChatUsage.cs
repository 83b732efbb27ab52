namespace Agon.Hosts.LlamaCpp;

/// <summary>OpenAI <c>usage</c>.</summary>
internal sealed record LlamaCppChatUsage(long? PromptTokens, long? CompletionTokens, long? TotalTokens, long? CachedTokens);
