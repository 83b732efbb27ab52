namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// Passes reads through and remembers the last bytes seen. The router appends a bare <c>proxy error: …</c>
/// line (no <c>data:</c>, no newline) when a model process dies mid-stream; an SSE parser drops it, so the
/// tail is where that sign is found. <paramref name="received"/> is told of each read that brought bytes: once
/// per network read, not once per event, which is where a silence timer is cheapest to keep alive.
/// </summary>
internal sealed class TailCapturingStream(Stream inner, Action? received = null) : Stream
{
    private const int Capacity = 512;
    private readonly byte[] _tail = new byte[Capacity];
    private int _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The last bytes read, as text.</summary>
    public string Tail => System.Text.Encoding.UTF8.GetString(_tail, 0, _length);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Remember(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Remember(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Remember(ReadOnlySpan<byte> read)
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
