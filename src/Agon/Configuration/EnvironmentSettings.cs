using System.Globalization;

namespace Agon.Configuration;

/// <summary>Reads the global settings from their environment variables (<c>AGON_</c> + the key in upper snake case).</summary>
internal static class EnvironmentSettings
{
    public static void Apply(GlobalValues values, IAgonEnvironment environment, ConfigDiagnostics diagnostics)
    {
        foreach (var key in GlobalSettings.All)
        {
            var variable = key.EnvironmentVariable;
            if (environment.GetVariable(variable) is not { } raw)
            {
                continue;
            }

            object? parsed = key.Kind switch
            {
                ConfigValueKind.Boolean => ParseBoolean(raw),
                ConfigValueKind.Integer => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && (key.Minimum is null || n >= key.Minimum) ? n : null,
                ConfigValueKind.StringList => raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                _ => key.Accepts(raw) ? raw : null,
            };
            if (parsed is null)
            {
                var expected = key.Kind == ConfigValueKind.Boolean ? "true or false" : key.Choices.Count > 0 ? key.ChoicesText : key.Minimum is { } min ? $"a whole number of at least {min}" : "a whole number";
                diagnostics.ErrorOutsideFile($"environment variable {variable}: expected {expected}, got \"{raw}\"");
                continue;
            }

            values.Set(key, parsed, new ValueOrigin(ValueSource.Environment, variable));
        }
    }

    private static object? ParseBoolean(string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };
}
