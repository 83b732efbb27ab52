using System.Globalization;
using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// Reads typed values out of the configuration document, collecting every problem with the key path
/// where it occurred (<c>hosts[1].parameters.top_k: expected a number, got "forty"</c>).
/// </summary>
internal sealed class ConfigDiagnostics(string source)
{
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Errors => _errors;

    public IReadOnlyList<string> Warnings => _warnings;

    public void Error(string path, string message) => _errors.Add($"{source}: {path}: {message}");

    /// <summary>An error worded as a sentence about the key: <c>hosts[0].apiKeyEnv must name …</c>.</summary>
    public void ErrorSentence(string path, string predicate) => _errors.Add($"{source}: {path} {predicate}");

    public void Warning(string path, string message) => _warnings.Add($"{source}: {path}: {message}");

    /// <summary>An error that does not come from the file (an environment variable, for instance).</summary>
    public void ErrorOutsideFile(string message) => _errors.Add(message);

    /// <summary>Takes over the errors and warnings of another source (a file the configuration names).</summary>
    public void Absorb(ConfigDiagnostics other)
    {
        _errors.AddRange(other.Errors);
        _warnings.AddRange(other.Warnings);
    }

    /// <summary>Warns about a key nobody reads, with the closest known key when it looks like a typo.</summary>
    public void UnknownKey(string path, string key, IEnumerable<string> known, string? note = null)
    {
        var suggestion = KeyNames.Suggest(key, known);
        var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
        Warning(path, (note ?? "unknown key, ignored") + hint);
    }

    public bool TryBoolean(JsonElement value, string path, out bool result)
    {
        result = value.ValueKind == JsonValueKind.True;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return true;
        }

        Error(path, $"expected true or false, got {Describe(value)}");
        return false;
    }

    public bool TryInteger(JsonElement value, string path, out long result, long? minimum = null)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"expected a number, got {Describe(value)}");
            return false;
        }

        if (!value.TryGetInt64(out result))
        {
            Error(path, $"expected a whole number, got {value.GetRawText()}");
            return false;
        }

        if (minimum is { } min && result < min)
        {
            Error(path, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, got {value.GetRawText()}");
            return false;
        }

        return true;
    }

    public bool TryInt32(JsonElement value, string path, out int result, int? minimum = null)
    {
        result = 0;
        if (!TryInteger(value, path, out var wide, minimum))
        {
            return false;
        }

        if (wide is > int.MaxValue or < int.MinValue)
        {
            Error(path, $"{value.GetRawText()} is out of range");
            return false;
        }

        result = (int)wide;
        return true;
    }

    /// <summary>The whole number, or null (with the error recorded) when the value is not one or is below <paramref name="minimum"/>.</summary>
    public int? Int32OrNull(JsonElement value, string path, int? minimum = null) => TryInt32(value, path, out var number, minimum) ? number : null;

    public bool TryNumber(JsonElement value, string path, out double result)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"expected a number, got {Describe(value)}");
            return false;
        }

        result = value.GetDouble();
        return true;
    }

    public bool TryString(JsonElement value, string path, out string result)
    {
        result = "";
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected a string, got {Describe(value)}");
            return false;
        }

        result = value.GetString()!;
        return true;
    }

    /// <summary>The string, or null after recording the error when the value is not one.</summary>
    public string? StringOrNull(JsonElement value, string path) => TryString(value, path, out var text) ? text : null;

    /// <summary>The list of strings (see <see cref="TryStringList"/>), or null after recording the error.</summary>
    public IReadOnlyList<string>? StringListOrNull(JsonElement value, string path, bool allowSingle = false) =>
        TryStringList(value, path, out var list, allowSingle) ? list : null;

    /// <summary>An array of strings; a single string is accepted as a list of one when <paramref name="allowSingle"/>.</summary>
    public bool TryStringList(JsonElement value, string path, out IReadOnlyList<string> result, bool allowSingle = false)
    {
        result = [];
        if (allowSingle && value.ValueKind == JsonValueKind.String)
        {
            result = [value.GetString()!];
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected {(allowSingle ? "a string or " : "")}an array of strings, got {Describe(value)}");
            return false;
        }

        var items = new List<string>();
        var index = 0;
        var ok = true;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                Error($"{path}[{index}]", $"expected a string, got {Describe(item)}");
                ok = false;
            }

            index++;
        }

        result = items;
        return ok;
    }

    /// <summary>How a value is shown in a message: strings quoted, objects and arrays by kind, others as written.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        JsonValueKind.String => Truncate(value.GetRawText()),
        _ => Truncate(value.GetRawText()),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...\"";
}
