namespace Agon.Hosts.LlamaCpp;

/// <summary>A fragment of a tool call: streams split a call across chunks, keyed by <see cref="Index"/>.</summary>
internal sealed record LlamaCppToolCallDelta(int Index, string? Id, string? Name, string? Arguments);
