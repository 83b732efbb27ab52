using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>One global setting in <c>show config</c>: its value, its source and where in that source it was set.</summary>
internal sealed record SettingReport
{
    public required JsonNode? Value { get; init; }

    /// <summary>default, file, environment or flag.</summary>
    public required string Source { get; init; }

    /// <summary>The file path, variable or flag spelling that set it; absent for a default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; init; }

    /// <summary>The value as the text view shows it (<c>-</c> for none).</summary>
    [JsonIgnore]
    public string Text { get; init; } = "";

    /// <summary>The source as the text view words it (<c>file config/config.json</c>).</summary>
    [JsonIgnore]
    public string OriginText { get; init; } = "";

    public static SettingReport Create(object? value, ValueOrigin origin) => new()
    {
        Value = value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            string s => JsonValue.Create(s),
            IEnumerable<string> list => new JsonArray([.. list.Select(item => (JsonNode?)JsonValue.Create(item))]),
            _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        },
        Source = origin.SourceName,
        From = origin.Detail,
        Text = value switch
        {
            null => "-",
            bool b => b ? "true" : "false",
            IEnumerable<string> list => list.Any() ? string.Join(", ", list) : "-",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-",
        },
        OriginText = origin.ToString(),
    };
}
