namespace Agon.Mcp;

/// <summary>A server could not be started or reached; the message is one line for the user.</summary>
internal sealed class McpStartException(string message) : Exception(message);
