using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// A string field that every chunk of a stream repeats (<c>id</c>, <c>model</c>): decoded once, then recognised
/// by its UTF-8 bytes, so a long stream does not allocate the same string per chunk.
/// </summary>
internal sealed class RepeatedString
{
    private byte[] _utf8 = [];
    private string? _value;

    /// <summary>The value last read without escapes, or null.</summary>
    public string? Last => _value;

    public string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;
        if (plain && _value is not null && reader.ValueSpan.SequenceEqual(_utf8))
        {
            return _value;
        }

        _value = reader.GetString();
        _utf8 = plain ? reader.ValueSpan.ToArray() : [];
        if (!plain)
        {
            // An escaped value is not compared by its raw bytes; the next chunk decodes again.
            var value = _value;
            _value = null;
            return value;
        }

        return _value;
    }
}
