namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// Passes reads through and remembers the last bytes seen. The router appends a bare <c>proxy error: …</c>
/// line (no <c>data:</c>, no newline) when a model process dies mid-stream; an SSE parser drops it, so the
/// tail is where that sign is found. <paramref name="received"/> is told of each read that brought bytes: once
/// per network read, not once per event, which is where a silence timer is cheapest to keep alive.
/// </summary>
internal sealed class TailCapturingStream(Stream inner, Action? received = null) : ReadObservingStream(inner)
{
    private const int Capacity = 512;
    private readonly byte[] _tail = new byte[Capacity];
    private int _length;

    /// <summary>The last bytes read, as text.</summary>
    public string Tail => System.Text.Encoding.UTF8.GetString(_tail, 0, _length);

    protected override void OnRead(ReadOnlySpan<byte> read)
    {
        if (read.Length == 0)
        {
            return;
        }

        received?.Invoke();
        if (read.Length >= Capacity)
        {
            read[^Capacity..].CopyTo(_tail);
            _length = Capacity;
            return;
        }

        var keep = Math.Min(_length, Capacity - read.Length);
        if (keep < _length)
        {
            _tail.AsSpan(_length - keep, keep).CopyTo(_tail);
        }

        read.CopyTo(_tail.AsSpan(keep));
        _length = keep + read.Length;
    }
}
