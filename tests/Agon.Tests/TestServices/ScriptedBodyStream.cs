namespace Agon.Tests.TestServices;

/// <summary>
/// A response body read synchronously, in pieces of varying size (as a socket returns them): it delivers its bytes up
/// to <c>stopAt</c>, then ends, throws a dropped-connection <see cref="IOException"/>, or blocks until disposed (the
/// way Ctrl+C closes a real body under a read). <c>endless</c> repeats the data forever.
/// </summary>
internal sealed class ScriptedBodyStream(byte[] data, int? stopAt = null, ScriptedBodyStream.Ending ending = ScriptedBodyStream.Ending.End, bool endless = false) : Stream
{
    private readonly ManualResetEventSlim _disposed = new();
    private readonly Random _sizes = new(7);
    private long _position;

    public enum Ending
    {
        End,
        Drop,
        Block,
    }

    /// <summary>Set once every byte up to <c>stopAt</c> has been handed out.</summary>
    public ManualResetEventSlim Stopped { get; } = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsSet, this);
        var limit = stopAt ?? (endless ? long.MaxValue : data.Length);
        if (_position >= limit)
        {
            Stopped.Set();
            switch (ending)
            {
                case Ending.Drop:
                    throw new IOException("The response ended prematurely.");
                case Ending.Block:
                    _disposed.Wait(TestContext.Current.CancellationToken);
                    throw new ObjectDisposedException(nameof(ScriptedBodyStream));
                default:
                    return 0;
            }
        }

        var at = (int)(_position % data.Length);
        var count = (int)Math.Min(Math.Min(buffer.Length, _sizes.Next(1, 70_000)), Math.Min(limit - _position, data.Length - at));
        data.AsSpan(at, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed.Set();
        base.Dispose(disposing);
    }
}
