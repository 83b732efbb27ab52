using System.Text;

namespace Agon.Hosts.Embedded;

/// <summary>
/// Holds back text that might be the start of a stop sequence, so a stop sequence never reaches the caller even
/// when it arrives split across tokens.
/// </summary>
internal sealed class StopSequences(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    public bool Stopped { get; private set; }

    /// <summary>Adds generated text; returns what can be handed on now.</summary>
    public string Push(string text)
    {
        if (stops.Count == 0)
        {
            return text;
        }

        _pending.Append(text);
        var pending = _pending.ToString();
        foreach (var stop in stops)
        {
            var at = pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                Stopped = true;
                _pending.Clear();
                return pending[..at];
            }
        }

        // Keep the longest tail that is a prefix of some stop sequence.
        var keep = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, pending.Length); length > keep; length--)
            {
                if (pending.AsSpan(pending.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    keep = length;
                    break;
                }
            }
        }

        _pending.Clear().Append(pending, pending.Length - keep, keep);
        return pending[..^keep];
    }

    /// <summary>What is still held back when generation ends without a stop.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }
}
