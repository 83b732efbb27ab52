namespace Agon.Tests.TestServices;

/// <summary>
/// A response body that delivers its bytes and then stays open, like a server that keeps the connection after
/// the last event: a read past the data waits until it is cancelled. Not seekable, so no Content-Length.
/// </summary>
internal sealed class OpenEndedStream(byte[] data, int? piece = null) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= data.Length)
        {
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TestContext.Current.CancellationToken).Token);
        }

        // One line at a time, as a server flushes its events (or pieces of a fixed size, cutting lines anywhere).
        var end = Array.IndexOf(data, (byte)'\n', _position);
        var count = piece is { } size
            ? Math.Min(Math.Min(buffer.Length, size), data.Length - _position)
            : Math.Min(buffer.Length, (end < 0 ? data.Length : end + 1) - _position);
        data.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
