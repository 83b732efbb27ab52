using Agon.Configuration;

namespace Agon.Mcp;

/// <summary>
/// The environment a stdio server gets: not Agon's, only a small allowlist (the MCP SDKs' own) plus what the entry
/// declares, so API keys in Agon's environment never reach a server that was not given them.
/// </summary>
internal static class McpChildEnvironment
{
    public static readonly IReadOnlyList<string> Allowlist = OperatingSystem.IsWindows()
        ? ["APPDATA", "HOMEDRIVE", "HOMEPATH", "LOCALAPPDATA", "PATH", "PROCESSOR_ARCHITECTURE", "SYSTEMDRIVE", "SYSTEMROOT", "TEMP", "USERNAME", "USERPROFILE", "PROGRAMFILES"]
        : ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"];

    public static Dictionary<string, string?> For(McpServerConfig server, IAgonEnvironment environment)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Allowlist)
        {
            if (environment.GetVariable(name) is { } value)
            {
                result[name] = value;
            }
        }

        foreach (var (name, value) in server.Env)
        {
            result[name] = value;
        }

        return result;
    }
}
