namespace Agon.Hosts.LlamaCpp;

/// <summary>One entry of a delta's <c>tool_calls</c>: a piece of a call, joined by its index.</summary>
internal sealed record LlamaCppToolCallJson(int? Index, string? Id, LlamaCppToolCallFunctionJson? Function);
