namespace Agon.Configuration;

/// <summary>How Agon talks to one MCP server.</summary>
internal enum McpTransport
{
    /// <summary>A child process speaking newline-delimited JSON-RPC on stdin/stdout.</summary>
    Stdio,

    /// <summary>Streamable HTTP (the SDK falls back to SSE when the server only speaks that).</summary>
    Http,

    /// <summary>The older HTTP + Server-Sent Events transport (<c>type: "sse"</c> or a URL ending in <c>/sse</c>).</summary>
    Sse,
}
