using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// The file <c>mcpConfig</c> names: a Claude Desktop, Cursor or Claude Code file (<c>mcpServers</c>) or a VS Code
/// <c>.vscode/mcp.json</c> (<c>servers</c>). Problems are reported against that file.
/// </summary>
internal static class McpConfigFile
{
    public static (IReadOnlyList<McpServerConfig> Servers, ConfigDiagnostics Diagnostics) Read(IAgonEnvironment environment, string file)
    {
        var diagnostics = new ConfigDiagnostics(file);
        var path = AgonPaths.Resolve(environment, file);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.ErrorOutsideFile(ex is FileNotFoundException or DirectoryNotFoundException
                ? $"mcpConfig: '{file}' does not exist"
                : $"mcpConfig: '{file}' cannot be read: {ex.Message}");
            return ([], diagnostics);
        }

        try
        {
            using var document = JsonDocument.Parse(text, ConfigDocument.Options);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in new[] { "mcpServers", "servers" })
                {
                    if (root.TryGetProperty(key, out var servers))
                    {
                        return (new McpServersReader(environment, diagnostics).Read(servers, key, file), diagnostics);
                    }
                }
            }

            diagnostics.ErrorOutsideFile($"mcpConfig: '{file}' has no \"mcpServers\" object (Claude Desktop, Cursor) or \"servers\" object (VS Code)");
            return ([], diagnostics);
        }
        catch (JsonException ex)
        {
            diagnostics.ErrorOutsideFile(ConfigDocument.SyntaxError(file, ex));
            return ([], diagnostics);
        }
    }
}
