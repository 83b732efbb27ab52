using System.Collections.Concurrent;

namespace Agon.Diagnostics;

/// <summary>
/// The secret values (API keys) this process has read. The redactor replaces each of them wherever it
/// appears, so a key that leaks into a server's error text or an exception message is still never shown.
/// </summary>
internal static class SecretRegistry
{
    private static readonly ConcurrentDictionary<string, byte> s_secrets = new(StringComparer.Ordinal);

    public static void Register(string secret)
    {
        // Very short values would redact ordinary words; such keys are rejected by servers anyway.
        if (secret.Trim().Length >= 4)
        {
            s_secrets.TryAdd(secret.Trim(), 0);
        }
    }

    public static IEnumerable<string> Secrets => s_secrets.Keys;
}
