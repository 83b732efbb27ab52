using System.Runtime.InteropServices;
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

    public static McpServerConfig For(string? binary, IAgonEnvironment environment) => For(binary, environment, AppContext.BaseDirectory);

    /// <summary>The default server, looked for beside an agon in <paramref name="agonDirectory"/>.</summary>
    internal static McpServerConfig For(string? binary, IAgonEnvironment environment, string agonDirectory)
    {
        string command;
        string? whenMissing = null;
        if (binary is not null)
        {
            command = binary.Contains('/', StringComparison.Ordinal) || binary.Contains('\\', StringComparison.Ordinal)
                ? AgonPaths.Resolve(environment, binary)
                : binary;
        }
        else
        {
            var beside = Path.Combine(agonDirectory, ExecutableName + (OperatingSystem.IsWindows() ? ".exe" : ""));
            command = File.Exists(beside) ? beside : ExecutableName;
            var folder = Path.TrimEndingDirectorySeparator(agonDirectory);
            var output = folder.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '\\' or '.' or '_' or '-' or ':') ? folder
                : OperatingSystem.IsWindows() ? $"\"{folder}\""
                : "'" + folder.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
            whenMissing = $"{ExecutableName}, Agon's own tool server, is neither beside agon ({folder}) nor on PATH; publish it there "
                + $"(dotnet publish src/Agon.McpServer -c Release -r {PortableRuntimeIdentifier()} -o {output}) or configure mcpServers";
        }

        return new McpServerConfig { Name = Name, Transport = McpTransport.Stdio, Command = command, Source = GlobalSettings.McpBinary.Key, WhenMissing = whenMissing };
    }

    /// <summary>The runtime identifier to publish for: a distribution's own (ubuntu.24.04-x64, alpine.3.20-x64, from a distro-built SDK) becomes the portable one.</summary>
    private static string PortableRuntimeIdentifier()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        if (!rid.Contains('.', StringComparison.Ordinal))
        {
            return rid;
        }

        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : rid.StartsWith("alpine", StringComparison.Ordinal) ? "linux-musl" : "linux";
        return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }
}
