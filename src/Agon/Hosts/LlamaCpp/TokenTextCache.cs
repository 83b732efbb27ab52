using System.Text;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// The text of short plain-ASCII tokens (no quote, backslash or control character), kept by their bytes in 256
/// slots: most tokens of an answer come back again and again (" the", ",", " and"), and one that does costs neither
/// decoding nor an allocation. A miss decodes and takes the slot.
/// </summary>
internal sealed class TokenTextCache
{
    /// <summary>Longer tokens are rare and not worth the comparison.</summary>
    public const int MaxLength = 16;

    private readonly string?[] _slots = new string?[256];

    /// <summary>The text of <paramref name="utf8"/> when it is short plain ASCII; null otherwise (decode it as usual).</summary>
    public string? TryGet(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return null;
        }

        if (utf8.IsEmpty)
        {
            return "";
        }

        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            if (b is < 0x20 or >= 0x80 or (byte)'"' or (byte)'\\')
            {
                return null;
            }

            hash = (hash ^ b) * 16777619u;
        }

        ref var slot = ref _slots[(hash ^ (hash >> 8) ^ (hash >> 16)) & 0xFF];
        if (slot is { } cached && Same(cached, utf8))
        {
            return cached;
        }

        slot = Encoding.ASCII.GetString(utf8);
        return slot;
    }

    private static bool Same(string text, ReadOnlySpan<byte> ascii)
    {
        if (text.Length != ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            if (text[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }
}
