using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Configuration;

namespace Agon.Chat;

/// <summary>A host's <c>parameters</c> with <c>--param</c> overrides applied, read by the same rules as the file.</summary>
internal static class ChatParameters
{
    /// <summary>The <c>--param key=value</c> flags, each value read as JSON when it is JSON, else as a string.</summary>
    public static Dictionary<string, JsonElement> ParseFlags(IEnumerable<string> values)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw AgonException.Usage($"--param {value}: expected key=value, for example temperature=0.2");
            }

            result[value[..equals].Trim()] = ChatOptionsFactory.ParseValue(value[(equals + 1)..].Trim());
        }

        return result;
    }

    /// <summary>A number as a parameter value, for the overrides a feature sets itself (a benchmark's seed).</summary>
    public static JsonElement Number(double value)
    {
        using var document = JsonDocument.Parse(value.ToString("R", CultureInfo.InvariantCulture));
        return document.RootElement.Clone();
    }

    public static ModelParameters Merge(ModelParameters configured, IReadOnlyDictionary<string, JsonElement> overrides)
    {
        if (overrides.Count == 0)
        {
            return configured;
        }

        var merged = new JsonObject();
        foreach (var (key, json) in ParameterValues.Unmasked(configured))
        {
            merged[key] = JsonNode.Parse(json);
        }

        foreach (var (key, value) in overrides)
        {
            // Both spellings of the length limit mean the same: the override wins over either.
            var length = SamplingParameters.MaxTokens;
            if (length.Spellings.Contains(key, StringComparer.Ordinal))
            {
                foreach (var spelling in length.Spellings)
                {
                    merged.Remove(spelling);
                }
            }

            merged[key] = JsonNode.Parse(value.GetRawText());
        }

        using var document = JsonDocument.Parse(merged.ToJsonString());
        var diagnostics = new ConfigDiagnostics("--param");
        var result = new ParametersReader(diagnostics).Read(document.RootElement, "parameters");
        if (diagnostics.Errors.Count > 0)
        {
            throw AgonException.Usage(string.Join("; ", diagnostics.Errors).Replace("--param: parameters.", "--param ", StringComparison.Ordinal));
        }

        return result;
    }
}
