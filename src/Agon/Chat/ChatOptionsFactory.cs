using System.Text.Json;
using Agon.Configuration;
using Microsoft.Extensions.AI;

namespace Agon.Chat;

/// <summary>
/// Turns a host's <c>parameters</c> (and <c>--param</c> overrides) into <see cref="ChatOptions"/>: the standard
/// options where Microsoft.Extensions.AI has them, every other key under its snake_case name in
/// <see cref="ChatOptions.AdditionalProperties"/>, for each backend to map (llama.cpp top-level, Ollama <c>options</c>).
/// </summary>
internal static class ChatOptionsFactory
{
    public static ChatOptions Create(ModelParameters parameters)
    {
        var options = new ChatOptions
        {
            Temperature = (float?)parameters.Temperature,
            TopK = parameters.TopK,
            TopP = (float?)parameters.TopP,
            PresencePenalty = (float?)parameters.PresencePenalty,
            FrequencyPenalty = (float?)parameters.FrequencyPenalty,
            Seed = parameters.Seed,
            MaxOutputTokens = parameters.MaxTokens,
            StopSequences = parameters.Stop?.ToList(),
        };
        var extra = new AdditionalPropertiesDictionary();
        foreach (var parameter in SamplingParameters.All.Where(p => !p.InChatOptions))
        {
            if (parameter.ValueIn(parameters) is { } value)
            {
                extra[parameter.Key] = value;
            }
        }

        foreach (var (key, value) in parameters.Extra)
        {
            extra[key] = value;
        }

        if (extra.Count > 0)
        {
            options.AdditionalProperties = extra;
        }

        return options;
    }

    /// <summary>The JSON value of a <c>--param key=value</c>: a number, true/false, null, JSON, else a string.</summary>
    public static JsonElement ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var document = JsonDocument.Parse("\"" + JsonEncodedText.Encode(text).Value + "\"");
            return document.RootElement.Clone();
        }
    }
}
