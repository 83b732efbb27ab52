namespace Agon.Hosts.LlamaCpp;

/// <summary><c>usage.prompt_tokens_details</c>: how many prompt tokens came from the server's cache.</summary>
internal sealed record LlamaCppPromptTokensDetailsJson(long? CachedTokens);
