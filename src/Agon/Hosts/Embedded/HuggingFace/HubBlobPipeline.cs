using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// Streams a response body into a file while hashing it, in three stages that overlap: the calling thread receives
/// into a small ring of large pooled buffers, one thread hashes each filled buffer and another writes it (both read
/// the same buffer; it returns to the ring when both are done). Nothing is allocated per chunk. Whatever was received
/// is written, in order, even when the read ends in an error or Ctrl+C, so the file is always a prefix of the blob
/// (the next attempt resumes from it). A failed write stops the receiving.
/// </summary>
internal sealed class HubBlobPipeline : IDisposable
{
    /// <summary>Large enough that a hand-over costs nothing next to the bytes; the ring holds a few milliseconds.</summary>
    public const int DefaultBufferSize = 1 << 20;
    public const int DefaultBuffers = 8;

    private readonly byte[][] _buffers;
    private readonly int[] _lengths;
    private readonly int[] _pending;
    private readonly SemaphoreSlim _free;
    private readonly SemaphoreSlim _toHash;
    private readonly SemaphoreSlim _toWrite;
    private readonly CancellationTokenSource _failed = new();
    private Exception? _error;
    private int _end = int.MaxValue;

    public HubBlobPipeline(int bufferSize = DefaultBufferSize, int buffers = DefaultBuffers)
    {
        _buffers = new byte[buffers][];
        for (var i = 0; i < buffers; i++)
        {
            _buffers[i] = ArrayPool<byte>.Shared.Rent(bufferSize);
        }

        _lengths = new int[buffers];
        _pending = new int[buffers];
        _free = new SemaphoreSlim(buffers, buffers);
        _toHash = new SemaphoreSlim(0, buffers + 1);
        _toWrite = new SemaphoreSlim(0, buffers + 1);
    }

    /// <summary>
    /// Copies <paramref name="input"/> to its end into <paramref name="output"/> from <paramref name="offset"/>, adding
    /// every byte to <paramref name="hash"/>; <paramref name="received"/> hears the running count after each read.
    /// Blocks the calling thread; Ctrl+C closes the input under the read. Returns the bytes copied.
    /// </summary>
    public long Copy(Stream input, SafeFileHandle output, long offset, IncrementalHash hash, Action<long>? received, CancellationToken cancellationToken)
    {
        var hasher = Task.Factory.StartNew(() => Consume(_toHash, hash, null, 0), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var writer = Task.Factory.StartNew(() => Consume(_toWrite, null, output, offset), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _failed.Token);
        long copied = 0;
        var chunks = 0;
        Exception? readError = null;
        using (stop.Token.Register(input.Dispose))
        {
            byte[]? current = null;
            var filled = 0;
            try
            {
                while (true)
                {
                    if (current is null)
                    {
                        _free.Wait(stop.Token);
                        current = _buffers[chunks % _buffers.Length];
                        filled = 0;
                    }

                    var read = input.Read(current, filled, current.Length - filled);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    copied += read;
                    received?.Invoke(copied);
                    if (filled == current.Length)
                    {
                        Hand(chunks++, filled);
                        current = null;
                    }
                }
            }
            // Any read failure is kept and rethrown once both stages have stopped (below), never swallowed.
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                readError = ex;
            }

            if (current is not null && filled > 0)
            {
                Hand(chunks++, filled);
            }

            Volatile.Write(ref _end, chunks);
            _toHash.Release();
            _toWrite.Release();
            Task.WaitAll([hasher, writer], CancellationToken.None);
        }

        if (_error is { } failed)
        {
            ExceptionDispatchInfo.Throw(failed);
        }

        if (readError is not null)
        {
            if (cancellationToken.IsCancellationRequested && readError is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            ExceptionDispatchInfo.Throw(readError);
        }

        return copied;
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _free.Dispose();
        _toHash.Dispose();
        _toWrite.Dispose();
        _failed.Dispose();
    }

    private void Hand(int chunk, int length)
    {
        var slot = chunk % _buffers.Length;
        _lengths[slot] = length;
        _pending[slot] = 2;
        _toHash.Release();
        _toWrite.Release();
    }

    /// <summary>One stage: takes the chunks in order until the end mark, hashing them or writing them.</summary>
    private void Consume(SemaphoreSlim ready, IncrementalHash? hash, SafeFileHandle? output, long offset)
    {
        try
        {
            for (var chunk = 0; ; chunk++)
            {
                ready.Wait(_failed.Token);
                if (chunk == Volatile.Read(ref _end))
                {
                    return;
                }

                var slot = chunk % _buffers.Length;
                var data = new ReadOnlySpan<byte>(_buffers[slot], 0, _lengths[slot]);
                if (hash is not null)
                {
                    hash.AppendData(data);
                }
                else
                {
                    RandomAccess.Write(output!, data, offset);
                    offset += data.Length;
                }

                if (Interlocked.Decrement(ref _pending[slot]) == 0)
                {
                    _free.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // The other stage failed; its error is the one reported.
        }
        // A stage's failure is carried to the copying thread, which rethrows it (Copy), never swallowed.
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref _error, ex, null);
            _failed.Cancel();
        }
    }
}
