namespace Agon.Hosts.LlamaCpp;

/// <summary>The <c>usage</c> member of a chat chunk as llama-server writes it (the cached count nested in its details).</summary>
internal sealed record LlamaCppChatUsageJson(long? PromptTokens, long? CompletionTokens, long? TotalTokens, LlamaCppPromptTokensDetailsJson? PromptTokensDetails)
{
    public LlamaCppChatUsage ToUsage() => new(PromptTokens, CompletionTokens, TotalTokens, PromptTokensDetails?.CachedTokens);
}
