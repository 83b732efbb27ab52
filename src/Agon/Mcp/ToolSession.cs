using Agon.Configuration;
using Agon.Diagnostics;

namespace Agon.Mcp;

/// <summary>What a chat run needs to offer tools: the started servers, the MCP settings, the log, and an optional confirmation per call.</summary>
internal sealed record ToolSession(McpToolbox Toolbox, McpSettings Settings, IAgonLog Log, Func<ToolActivity, CancellationToken, Task<bool>>? Confirm = null);
