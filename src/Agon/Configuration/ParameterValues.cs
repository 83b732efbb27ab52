using System.Globalization;
using System.Text.Json;
using Agon.Diagnostics;

namespace Agon.Configuration;

/// <summary>
/// The set values of <see cref="ModelParameters"/> as (snake_case key, JSON value) pairs. Values under a key that
/// looks secret (<c>token</c>, <c>api_key</c>) are masked for display; <see cref="Unmasked"/> keeps them, for the
/// request itself.
/// </summary>
internal static class ParameterValues
{
    public static IEnumerable<(string Key, string Json)> Of(ModelParameters p) => Values(p, mask: true);

    /// <summary>Every value as it is sent to the server, secrets included: never for display.</summary>
    public static IEnumerable<(string Key, string Json)> Unmasked(ModelParameters p) => Values(p, mask: false);

    private static IEnumerable<(string Key, string Json)> Values(ModelParameters p, bool mask)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

        if (p.Temperature is { } temperature) { yield return ("temperature", N(temperature)); }
        if (p.TopK is { } topK) { yield return ("top_k", I(topK)); }
        if (p.TopP is { } topP) { yield return ("top_p", N(topP)); }
        if (p.MinP is { } minP) { yield return ("min_p", N(minP)); }
        if (p.TypicalP is { } typicalP) { yield return ("typical_p", N(typicalP)); }
        if (p.RepeatLastN is { } lastN) { yield return ("repeat_last_n", I(lastN)); }
        if (p.RepeatPenalty is { } repeat) { yield return ("repeat_penalty", N(repeat)); }
        if (p.PresencePenalty is { } presence) { yield return ("presence_penalty", N(presence)); }
        if (p.FrequencyPenalty is { } frequency) { yield return ("frequency_penalty", N(frequency)); }
        if (p.Seed is { } seed) { yield return ("seed", I(seed)); }
        if (p.MaxTokens is { } maxTokens) { yield return ("max_tokens", I(maxTokens)); }
        if (p.Stop is { } stop) { yield return ("stop", JsonSerializer.Serialize(stop, ConfigJsonContext.Default.IReadOnlyListString)); }
        if (p.NumCtx is { } numCtx) { yield return ("num_ctx", I(numCtx)); }
        foreach (var (key, value) in p.Extra)
        {
            yield return (key, mask && SecretRedactor.IsSecretKey(key) ? "\"" + SecretRedactor.Mask + "\"" : value.GetRawText());
        }
    }
}
