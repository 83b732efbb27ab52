namespace Agon;

/// <summary>Where Agon looks for and keeps its files, following the XDG base directory rules.</summary>
internal static class AgonPaths
{
    /// <summary>agon's own default: <c>./config/config.json</c> in the current directory.</summary>
    public static string LocalConfigFile(IAgonEnvironment environment) =>
        Path.Combine(environment.CurrentDirectory, "config", "config.json");

    /// <summary><c>$XDG_CONFIG_HOME/agon/config.json</c>, else <c>~/.config/agon/config.json</c>.</summary>
    public static string UserConfigFile(IAgonEnvironment environment) =>
        Path.Combine(environment.GetVariable("XDG_CONFIG_HOME") ?? Path.Combine(environment.HomeDirectory, ".config"), "agon", "config.json");

    /// <summary><c>$XDG_STATE_HOME/agon/agon.log</c>, else <c>~/.local/state/agon/agon.log</c>.</summary>
    public static string DefaultLogFile(IAgonEnvironment environment) =>
        Path.Combine(environment.GetVariable("XDG_STATE_HOME") ?? Path.Combine(environment.HomeDirectory, ".local", "state"), "agon", "agon.log");

    /// <summary>Resolves a path from the configuration against the current directory, expanding a leading <c>~</c>.</summary>
    public static string Resolve(IAgonEnvironment environment, string path)
    {
        if (path == "~")
        {
            return environment.HomeDirectory;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(environment.HomeDirectory, path[2..]);
        }

        return Path.GetFullPath(path, environment.CurrentDirectory);
    }
}
