using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// The global settings' values for one run and where each came from: the defaults, then the file, the environment
/// and the flags, each beating the one before.
/// </summary>
internal sealed class GlobalValues
{
    private readonly Dictionary<Setting, object?> _values = [];
    private readonly Dictionary<Setting, ValueOrigin> _origins = [];

    public GlobalValues()
    {
        foreach (var setting in GlobalSettings.All)
        {
            _values[setting] = setting.DefaultValue;
        }
    }

    /// <summary>The setting's value, typed.</summary>
    public T Get<T>(Setting<T> setting) => (T)_values[setting]!;

    /// <summary>The setting's value, untyped (for display).</summary>
    public object? ValueOf(Setting setting) => _values[setting];

    /// <summary>Where the setting's value came from (<see cref="ValueOrigin.Default"/> when nothing set it).</summary>
    public ValueOrigin OriginOf(Setting setting) => _origins.TryGetValue(setting, out var origin) ? origin : ValueOrigin.Default;

    public void Set(Setting setting, object? value, ValueOrigin origin)
    {
        _values[setting] = value;
        _origins[setting] = origin;
    }

    /// <summary>Takes the setting's value from the file; a value of the wrong shape is an error and leaves it as it was.</summary>
    public void ReadFile(Setting setting, JsonElement value, string? path, ConfigDiagnostics diagnostics)
    {
        if (FromJson(setting, value, diagnostics) is { } parsed)
        {
            Set(setting, parsed, new ValueOrigin(ValueSource.File, path));
        }
    }

    /// <summary>Takes the values given as flags.</summary>
    public void ApplyFlags(ConfigOverrides overrides)
    {
        foreach (var (setting, flag) in overrides.Values)
        {
            Set(setting, flag.Value, new ValueOrigin(ValueSource.Flag, flag.Flag));
        }
    }

    private static object? FromJson(Setting setting, JsonElement value, ConfigDiagnostics diagnostics)
    {
        switch (setting.Kind)
        {
            case ConfigValueKind.Boolean:
                return diagnostics.TryBoolean(value, setting.Key, out var flag) ? flag : null;
            case ConfigValueKind.Integer:
                return diagnostics.Int32OrNull(value, setting.Key, setting.Minimum);
            case ConfigValueKind.StringList:
                return diagnostics.StringListOrNull(value, setting.Key);
            default:
                if (value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                var text = diagnostics.StringOrNull(value, setting.Key);
                if (text is not null && !setting.Accepts(text))
                {
                    diagnostics.Error(setting.Key, $"expected {setting.ChoicesText}, got \"{text}\"");
                    return null;
                }

                return text;
        }
    }
}
