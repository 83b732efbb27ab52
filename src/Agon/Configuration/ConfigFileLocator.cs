namespace Agon.Configuration;

/// <summary>
/// Finds the configuration file. Lookup order: <c>--config</c>, <c>AGON_CONFIG</c>, <c>./config/config.json</c>,
/// <c>$XDG_CONFIG_HOME/agon/config.json</c>. A file that <c>--config</c> or <c>AGON_CONFIG</c> names must exist.
/// </summary>
internal sealed class ConfigFileLocator(IAgonEnvironment environment)
{
    public const string ConfigVariable = "AGON_CONFIG";

    public ConfigFileLocation Locate(ConfigOverrides overrides)
    {
        if (overrides.ConfigPath is { } explicitPath)
        {
            var full = AgonPaths.Resolve(environment, explicitPath);
            return File.Exists(full) ? new(full, "--config", explicitPath) : throw ConfigException.FileNotFound(explicitPath, "given with --config");
        }

        if (environment.GetVariable(ConfigVariable) is { } fromEnvironment)
        {
            var full = AgonPaths.Resolve(environment, fromEnvironment);
            return File.Exists(full) ? new(full, ConfigVariable, fromEnvironment) : throw ConfigException.FileNotFound(fromEnvironment, $"named by {ConfigVariable}");
        }

        var local = AgonPaths.LocalConfigFile(environment);
        if (File.Exists(local))
        {
            return new(local, "./config/config.json", local);
        }

        var user = AgonPaths.UserConfigFile(environment);
        return File.Exists(user) ? new(user, "user config", user) : new(null, null, "built-in default");
    }
}
