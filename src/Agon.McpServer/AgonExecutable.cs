namespace Agon.McpServer;

/// <summary>
/// The <c>agon</c> the fleet tools run: <c>AGON_MCP_AGON</c>, else <c>agon</c> beside <c>agon-mcp</c> (they are published
/// together), else <c>agon</c> on PATH.
/// </summary>
internal sealed record AgonExecutable(string Path)
{
    public static AgonExecutable Find(Func<string, string?> variable)
    {
        if (variable("AGON_MCP_AGON") is { Length: > 0 } configured)
        {
            return new(configured);
        }

        var beside = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "agon.exe" : "agon");
        return new(File.Exists(beside) ? beside : "agon");
    }
}
