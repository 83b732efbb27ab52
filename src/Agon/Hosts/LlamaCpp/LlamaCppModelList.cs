using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// Parses <c>GET /models</c> (router) and <c>GET /v1/models</c> (single server). Tolerant by design: current and
/// older router builds (<c>in_cache</c>/<c>path</c>, three status values), <c>vocab_type</c> as a boolean,
/// unknown future status words (kept as they are).
/// </summary>
internal static class LlamaCppModelList
{
    /// <summary>The <see cref="ModelInfo.Source"/> of a single-model server's one model (its <c>-m</c> file).</summary>
    public const string ModelFileSource = "model file";

    public static IReadOnlyList<ModelInfo> Parse(JsonElement root, bool router)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var models = new List<ModelInfo>();
        foreach (var entry in data.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || String(entry, "id") is not { } id)
            {
                continue;
            }

            var status = ModelStatus.Loaded;
            int? exitCode = null;
            if (router)
            {
                (status, exitCode) = ReadStatus(entry);
            }

            var meta = entry.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : (JsonElement?)null;
            var source = String(entry, "source") ?? (entry.TryGetProperty("in_cache", out var inCache) && inCache.ValueKind is JsonValueKind.True ? "cache" : null);
            models.Add(new ModelInfo
            {
                Id = id,
                Status = status,
                ExitCode = exitCode,
                Aliases = Strings(entry, "aliases").Where(a => a != id).ToList(),
                Source = source ?? (router ? null : ModelFileSource),
                CanRemove = entry.TryGetProperty("can_remove", out var canRemove) && canRemove.ValueKind == JsonValueKind.True,
                SizeBytes = meta is { } s ? Long(s, "size") : null,
                ContextLength = meta is { } c ? (int?)Long(c, "n_ctx") : null,
                TrainingContextLength = meta is { } t ? (int?)Long(t, "n_ctx_train") : null,
                ParameterCount = meta is { } p ? Long(p, "n_params") : null,
                Quantization = meta is { } q ? Quantization(String(q, "ftype")) : QuantizationFromId(id),
            });
        }

        return models;
    }

    /// <summary>True when <c>data[0]</c> carries a <c>status</c> object (a router), false when it does not (a single server).</summary>
    public static bool? LooksLikeRouter(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
            ? data[0].TryGetProperty("status", out _)
            : null;

    private static (string Status, int? ExitCode) ReadStatus(JsonElement entry)
    {
        if (!entry.TryGetProperty("status", out var status))
        {
            return (ModelStatus.Available, null);
        }

        // Some builds may send the status as a plain string.
        if (status.ValueKind == JsonValueKind.String)
        {
            return (status.GetString() ?? ModelStatus.Available, null);
        }

        if (status.ValueKind != JsonValueKind.Object)
        {
            return (ModelStatus.Available, null);
        }

        var value = String(status, "value") ?? ModelStatus.Available;
        var failed = status.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.True;
        var exitCode = (int?)Long(status, "exit_code");
        return value == ModelStatus.Unloaded && failed ? (ModelStatus.Failed, exitCode) : (value, null);
    }

    /// <summary>"(guessed) all F32" → "F32"; "Q4_K - Medium" stays as the server wrote it.</summary>
    private static string? Quantization(string? ftype)
    {
        if (ftype is null)
        {
            return null;
        }

        var text = ftype.Replace("(guessed)", "", StringComparison.Ordinal).Trim();
        return text.StartsWith("all ", StringComparison.Ordinal) ? text[4..] : text;
    }

    /// <summary>A cache id <c>owner/repo:Q4_K_M</c> names its quantization after the colon.</summary>
    private static string? QuantizationFromId(string id)
    {
        var colon = id.LastIndexOf(':');
        return colon > 0 && colon < id.Length - 1 ? id[(colon + 1)..] : null;
    }

    internal static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    internal static IEnumerable<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
            : [];
}
