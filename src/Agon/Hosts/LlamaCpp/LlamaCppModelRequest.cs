namespace Agon.Hosts.LlamaCpp;

/// <summary>The body of <c>/models/load</c>, <c>/models/unload</c> and <c>POST /models</c>.</summary>
internal sealed record LlamaCppModelRequest(string Model);
