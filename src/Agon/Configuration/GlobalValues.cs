using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// The global keys' values for one run and where each came from: the defaults, then the file, the environment and
/// the flags, each beating the one before.
/// </summary>
internal sealed class GlobalValues
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueOrigin> _origins = new(StringComparer.Ordinal);

    public GlobalValues()
    {
        foreach (var key in GlobalKeys.All)
        {
            _values[key.Name] = key.Default;
        }
    }

    public object? this[string key] => _values[key];

    /// <summary>Where each value that is not a default came from, by key.</summary>
    public IReadOnlyDictionary<string, ValueOrigin> Origins => _origins;

    public void Set(GlobalKey key, object? value, ValueOrigin origin)
    {
        _values[key.Name] = value;
        _origins[key.Name] = origin;
    }

    /// <summary>Where the key's value came from, as <c>show config</c> words it ("default" when nothing set it).</summary>
    public string OriginText(string key) => _origins.TryGetValue(key, out var origin) ? origin.ToString() : "default";

    /// <summary>Takes the key's value from the file; a value of the wrong shape is an error and leaves the key as it was.</summary>
    public void ReadFile(GlobalKey key, JsonElement value, string? path, ConfigDiagnostics diagnostics)
    {
        if (FromJson(key, value, diagnostics) is { } parsed)
        {
            Set(key, parsed, new ValueOrigin(ValueSource.File, path));
        }
    }

    /// <summary>Takes the values given as flags.</summary>
    public void ApplyFlags(ConfigOverrides overrides)
    {
        foreach (var (name, flag) in overrides.Values)
        {
            _values[name] = flag.Value;
            _origins[name] = new ValueOrigin(ValueSource.Flag, flag.Flag);
        }
    }

    private static object? FromJson(GlobalKey key, JsonElement value, ConfigDiagnostics diagnostics)
    {
        switch (key.Kind)
        {
            case ConfigValueKind.Boolean:
                return diagnostics.TryBoolean(value, key.Name, out var flag) ? flag : null;
            case ConfigValueKind.Integer:
                return diagnostics.TryInt32(value, key.Name, out var number, key.Minimum) ? number : null;
            case ConfigValueKind.StringList:
                return diagnostics.TryStringList(value, key.Name, out var list) ? list : null;
            default:
                if (value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                return diagnostics.TryString(value, key.Name, out var text) ? text : null;
        }
    }
}
