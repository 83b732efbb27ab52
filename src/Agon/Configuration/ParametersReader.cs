using System.Text.Json;

namespace Agon.Configuration;

/// <summary>Reads a host's <c>parameters</c> block by <see cref="SamplingParameters"/> (agon's snake_case keys); unknown keys are kept verbatim.</summary>
internal sealed class ParametersReader(ConfigDiagnostics diagnostics)
{
    public ModelParameters Read(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return ModelParameters.Empty;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected an object of sampling parameters, got {ConfigDiagnostics.Describe(value)}");
            return ModelParameters.Empty;
        }

        var result = new ModelParameters();
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var length = SamplingParameters.MaxTokens;
        var lengths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var keyPath = $"{path}.{property.Name}";
            var v = property.Value;
            if (v.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var parameter = SamplingParameters.Find(property.Name);
            if (ReferenceEquals(parameter, length))
            {
                // Both spellings of the length limit are kept apart until the end: given both, the alias wins.
                if (diagnostics.TryInt32(v, keyPath, out var limit))
                {
                    lengths[property.Name.ToLowerInvariant()] = limit;
                }

                continue;
            }

            if (parameter is not null)
            {
                result = parameter.Read(result, v, keyPath, diagnostics);
                continue;
            }

            if (KeyNames.Suggest(property.Name, SamplingParameters.Spellings) is not null)
            {
                diagnostics.UnknownKey(keyPath, property.Name, SamplingParameters.Spellings, "not a known parameter; passed to the backend as written");
            }

            if (Diagnostics.SecretRedactor.IsSecretKey(property.Name) && v.ValueKind == JsonValueKind.String)
            {
                // Sent as written, but redacted wherever it could show up (log lines, server errors).
                Diagnostics.SecretRegistry.Register(v.GetString()!);
            }

            extra[property.Name] = v.Clone();
        }

        var alias = length.Aliases[0];
        int? byAlias = lengths.TryGetValue(alias, out var a) ? a : null;
        int? byKey = lengths.TryGetValue(length.Key, out var k) ? k : null;
        if (byAlias is not null && byKey is not null && byAlias != byKey)
        {
            diagnostics.Warning($"{path}.{length.Key}", $"both {alias} ({byAlias}) and {length.Key} ({byKey}) are set; using {alias}");
        }

        return result with { MaxTokens = byAlias ?? byKey, Extra = extra };
    }
}
