using System.Text.Json;

namespace Agon.Configuration;

/// <summary>Reads a host's <c>parameters</c> block (agon's snake_case keys); unknown keys are kept verbatim.</summary>
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
        int? numPredict = null;
        int? maxTokens = null;
        foreach (var property in value.EnumerateObject())
        {
            var keyPath = $"{path}.{property.Name}";
            var v = property.Value;
            if (v.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (property.Name.ToLowerInvariant())
            {
                case "temperature":
                    result = Number(v, keyPath, out var temperature) ? result with { Temperature = temperature } : result;
                    break;
                case "top_k":
                    result = Integer(v, keyPath, out var topK) ? result with { TopK = topK } : result;
                    break;
                case "top_p":
                    result = Number(v, keyPath, out var topP) ? result with { TopP = topP } : result;
                    break;
                case "min_p":
                    result = Number(v, keyPath, out var minP) ? result with { MinP = minP } : result;
                    break;
                case "typical_p":
                    result = Number(v, keyPath, out var typicalP) ? result with { TypicalP = typicalP } : result;
                    break;
                case "repeat_last_n":
                    result = Integer(v, keyPath, out var lastN) ? result with { RepeatLastN = lastN } : result;
                    break;
                case "repeat_penalty":
                    result = Number(v, keyPath, out var repeat) ? result with { RepeatPenalty = repeat } : result;
                    break;
                case "presence_penalty":
                    result = Number(v, keyPath, out var presence) ? result with { PresencePenalty = presence } : result;
                    break;
                case "frequency_penalty":
                    result = Number(v, keyPath, out var frequency) ? result with { FrequencyPenalty = frequency } : result;
                    break;
                case "seed":
                    result = diagnostics.TryInteger(v, keyPath, out var seed) ? result with { Seed = seed } : result;
                    break;
                case "num_predict":
                    numPredict = Integer(v, keyPath, out var np) ? np : numPredict;
                    break;
                case "max_tokens":
                    maxTokens = Integer(v, keyPath, out var mt) ? mt : maxTokens;
                    break;
                case "num_ctx":
                    result = diagnostics.TryInt32(v, keyPath, out var ctx, minimum: 1) ? result with { NumCtx = ctx } : result;
                    break;
                case "stop":
                    result = diagnostics.TryStringList(v, keyPath, out var stop, allowSingle: true) ? result with { Stop = stop } : result;
                    break;
                default:
                    if (KeyNames.Suggest(property.Name, HostKeys.Parameters) is not null)
                    {
                        diagnostics.UnknownKey(keyPath, property.Name, HostKeys.Parameters, "not a known parameter; passed to the backend as written");
                    }

                    if (Diagnostics.SecretRedactor.IsSecretKey(property.Name) && v.ValueKind == JsonValueKind.String)
                    {
                        // Sent as written, but redacted wherever it could show up (log lines, server errors).
                        Diagnostics.SecretRegistry.Register(v.GetString()!);
                    }

                    extra[property.Name] = v.Clone();
                    break;
            }
        }

        if (numPredict is not null && maxTokens is not null && numPredict != maxTokens)
        {
            diagnostics.Warning($"{path}.max_tokens", $"both num_predict ({numPredict}) and max_tokens ({maxTokens}) are set; using num_predict");
        }

        return result with { MaxTokens = numPredict ?? maxTokens, Extra = extra };
    }

    private bool Number(JsonElement value, string path, out double result) => diagnostics.TryNumber(value, path, out result);

    private bool Integer(JsonElement value, string path, out int result) => diagnostics.TryInt32(value, path, out result);
}
