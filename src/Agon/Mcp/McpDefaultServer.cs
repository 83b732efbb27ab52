using Agon.Configuration;

namespace Agon.Mcp;

/// <summary>
/// The one server used when no <c>mcpServers</c> is configured: <c>mcpBinary</c>, by default <c>agon-mcp</c> beside
/// the <c>agon</c> executable, then on PATH.
/// </summary>
internal static class McpDefaultServer
{
    public const string Name = "agon";

    public const string ExecutableName = "agon-mcp";

    /// <summary>The servers a run uses: the configured ones, or the default one.</summary>
    public static IReadOnlyList<McpServerConfig> ServersOf(McpSettings settings, IAgonEnvironment environment) =>
        settings.HasServers ? settings.Servers : [For(settings.Binary, environment)];

    public static McpServerConfig For(string? binary, IAgonEnvironment environment)
    {
        string command;
        if (binary is not null)
        {
            command = binary.Contains('/', StringComparison.Ordinal) || binary.Contains('\\', StringComparison.Ordinal)
                ? AgonPaths.Resolve(environment, binary)
                : binary;
        }
        else
        {
            var beside = Path.Combine(AppContext.BaseDirectory, ExecutableName + (OperatingSystem.IsWindows() ? ".exe" : ""));
            command = File.Exists(beside) ? beside : ExecutableName;
        }

        return new McpServerConfig { Name = Name, Transport = McpTransport.Stdio, Command = command, Source = GlobalSettings.McpBinary.Key };
    }
}
