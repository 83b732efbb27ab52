using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary>agon's prompt file as written (<c>accuracy/accuracy_prompts.json</c>).</summary>
internal sealed class AccuracyFileJson
{
    [JsonPropertyName("system_prompt")]
    public string? SystemPrompt { get; set; }

    [JsonPropertyName("tests")]
    public List<AccuracyTestJson?>? Tests { get; set; }
}
