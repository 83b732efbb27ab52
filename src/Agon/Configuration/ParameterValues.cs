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
        foreach (var parameter in SamplingParameters.All)
        {
            if (parameter.ValueIn(p) is { } value)
            {
                yield return (parameter.Key, Json(value));
            }
        }

        foreach (var (key, value) in p.Extra)
        {
            yield return (key, mask && SecretRedactor.IsSecretKey(key) ? "\"" + SecretRedactor.Mask + "\"" : value.GetRawText());
        }
    }

    private static string Json(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => JsonSerializer.Serialize(list, ConfigJsonContext.Default.IReadOnlyListString),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
