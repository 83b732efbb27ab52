using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Agon.Imports;

/// <summary>Lenient field reading for agon's files (a number may be written as a string; names vary by version).</summary>
internal static class ImportValues
{
    public static JsonElement? Property(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }
        }

        return null;
    }

    public static double? Number(JsonElement element, params string[] names) => Property(element, names) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static string? Text(JsonElement element, params string[] names) =>
        Property(element, names) is { ValueKind: JsonValueKind.String } s && s.GetString() is { Length: > 0 } text ? text : null;

    public static bool? Flag(JsonElement element, params string[] names) => Property(element, names) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>A stable key for one imported row: the format and the exact text it was read from.</summary>
    public static string Key(string format, string model, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(format + "\n" + model + "\n" + text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static AgonException Unreadable(string path, string why) => new AgonException($"cannot import {path}: {why}");
}
