using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary>
/// One test as agon wrote it. The id, expected answer and difficulty are read as raw JSON because agon's files
/// hold numbers where a superset may hold text.
/// </summary>
internal sealed class AccuracyTestJson
{
    [JsonPropertyName("id")]
    public JsonElement? Id { get; set; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    [JsonPropertyName("expected_answer")]
    public JsonElement? ExpectedAnswer { get; set; }

    [JsonPropertyName("category")]
    public string? Category { get; set; }

    [JsonPropertyName("difficulty")]
    public JsonElement? Difficulty { get; set; }

    [JsonPropertyName("marginOfError")]
    public decimal? MarginOfError { get; set; }

    /// <summary>Agon's superset: promptfoo-style checks, read by hand so each error names the test.</summary>
    [JsonPropertyName("assert")]
    public JsonElement? Assert { get; set; }

    /// <summary>Agon's superset: the weighted score at which the test passes (0–1).</summary>
    [JsonPropertyName("threshold")]
    public double? Threshold { get; set; }
}
