using System.Text.RegularExpressions;

namespace Agon.Diagnostics;

/// <summary>Removes secrets from text before it reaches a log line, the terminal or an exception message.</summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        foreach (var secret in SecretRegistry.Secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = BearerPattern().Replace(text, "$1" + Mask);
        text = JsonSecretPattern().Replace(text, "$1" + Mask + "\"");
        return QuerySecretPattern().Replace(text, "$1" + Mask);
    }

    /// <summary>True for a header whose value is a credential.</summary>
    public static bool IsSecretHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Api-Key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a configuration or parameter key whose value is a credential.</summary>
    public static bool IsSecretKey(string key)
    {
        var k = key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return k is "apikey" or "key" or "token" or "accesstoken" or "secret" or "password" or "authorization" or "bearer";
    }

    [GeneratedRegex(@"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=\-]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerPattern();

    /// <summary>A credential's JSON string value, escaped quotes (<c>\"</c>) included, or all of it up to the end of a body cut short.</summary>
    [GeneratedRegex("(\"(?:api[_-]?key|apiKey|key|token|access[_-]?token|secret|password|authorization)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(?:\"|\\\\?$)", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretPattern();

    [GeneratedRegex(@"([?&](?:api[_-]?key|key|token|access_token)=)[^&\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex QuerySecretPattern();
}
