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
}
