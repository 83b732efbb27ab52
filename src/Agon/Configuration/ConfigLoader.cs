using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// Finds, reads and validates the configuration: flags beat environment variables, which beat the file,
/// which beats the defaults. Lookup order for the file: <c>--config</c>, <c>AGON_CONFIG</c>,
/// <c>./config/config.json</c>, <c>$XDG_CONFIG_HOME/agon/config.json</c>. No file means the built-in default host.
/// </summary>
internal sealed class ConfigLoader(IAgonEnvironment environment)
{
    public AgonConfig Load(ConfigOverrides overrides)
    {
        var location = new ConfigFileLocator(environment).Locate(overrides);
        var binder = new ConfigBinder(environment);
        if (location.Path is null)
        {
            return binder.Bind(root: null, location, new ConfigDiagnostics("built-in default"), overrides);
        }

        using var document = ConfigDocument.Read(location.Path, location.Display);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw ConfigException.FromErrors([$"{location.Display}: expected a JSON object at the top level, got {ConfigDiagnostics.Describe(document.RootElement)}"]);
        }

        return binder.Bind(document.RootElement, location, new ConfigDiagnostics(location.Display), overrides);
    }
}
