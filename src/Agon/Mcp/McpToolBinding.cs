using ModelContextProtocol.Client;

namespace Agon.Mcp;

/// <summary>A tool as the model sees it (<see cref="ModelName"/>) and the server and tool it calls.</summary>
internal sealed record McpToolBinding(string ModelName, string Server, McpClientTool Tool);
