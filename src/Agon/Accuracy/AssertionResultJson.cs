using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary>One assertion's result in a record: <c>{type, pass, weight, measured, error}</c>.</summary>
internal sealed record AssertionResultJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("pass")] bool Pass,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("measured")] double? Measured,
    [property: JsonPropertyName("error")] string? Error);
