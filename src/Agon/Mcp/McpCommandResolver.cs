namespace Agon.Mcp;

/// <summary>
/// Finds the program a stdio server runs before it is started, so a missing one is said plainly ("npx was not found
/// on PATH") instead of surfacing as a process error.
/// </summary>
internal static class McpCommandResolver
{
    /// <summary>The full path of <paramref name="command"/>, or null when no such executable file exists.</summary>
    public static string? Resolve(string command, string? path, string workingDirectory)
    {
        if (command.Contains('/', StringComparison.Ordinal) || command.Contains('\\', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command, workingDirectory);
            return File.Exists(full) ? full : null;
        }

        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""])
            {
                var candidate = Path.Combine(directory, command + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
