using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// Server-sent events read straight from one pooled byte buffer: lines found with a vectorised search for CR/LF,
/// an event's <c>data</c> handed to the item parser as a span of that buffer (no copy, no string) when a blank line
/// follows it, as it always does from llama.cpp. An event already in the buffer costs no await. Same rules as
/// <see cref="SseParser"/> (the WHATWG event-stream grammar): an optional UTF-8 BOM, CR, LF or CRLF line ends,
/// <c>data</c> lines joined with LF, <c>event</c> naming the type, comments and other fields ignored, an event the
/// body ends in the middle of not dispatched.
/// </summary>
internal sealed class LlamaCppSseEventReader<T>(Stream stream, SseItemParser<T> parse) : IDisposable
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';
    private const int InitialSize = 64 * 1024;
    private const int MaxLineLength = 64 * 1024 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;
    private int _end;
    private int _searched;
    private bool _eof;
    private bool _started;
    private byte[]? _data;
    private int _dataLength;
    private bool _dataAppended;
    private string? _eventType;

    public T Current { get; private set; } = default!;

    /// <summary>The next event; false at the end of the body.</summary>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken) =>
        TryNext() ? new ValueTask<bool>(true) : _eof ? new ValueTask<bool>(false) : ReadUntilNextAsync(cancellationToken);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (_data is not null)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = null;
        }
    }

    private async ValueTask<bool> ReadUntilNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
            if (TryNext())
            {
                return true;
            }

            if (_eof)
            {
                return false;
            }
        }
    }

    /// <summary>Dispatches the next complete event in the buffer, if there is one.</summary>
    private bool TryNext()
    {
        if (!_started)
        {
            if (_end - _start < 3 && !_eof)
            {
                return false;
            }

            _started = true;
            if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
            {
                _start += 3;
            }
        }

        while (true)
        {
            var from = Math.Max(_searched, _start);
            var found = _buffer.AsSpan(from, _end - from).IndexOfAny(CR, LF);
            if (found < 0)
            {
                _searched = _end;
                return false;
            }

            var newline = from + found;
            int newlineLength;
            if (_buffer[newline] == LF)
            {
                newlineLength = 1;
            }
            else if (newline + 1 < _end)
            {
                newlineLength = _buffer[newline + 1] == LF ? 2 : 1;
            }
            else if (_eof)
            {
                newlineLength = 1;
            }
            else
            {
                // A CR at the end of what has arrived: wait for a possible LF after it.
                _searched = newline;
                return false;
            }

            var line = _buffer.AsSpan(_start, newline - _start);
            _start = newline + newlineLength;
            if (Line(line))
            {
                return true;
            }
        }
    }

    /// <summary>One line of the stream; true when it dispatched an event (now <see cref="Current"/>).</summary>
    private bool Line(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            if (!_dataAppended)
            {
                return false;
            }

            Dispatch(_data.AsSpan(0, _dataLength));
            return true;
        }

        var colon = line.IndexOf((byte)':');
        var field = colon >= 0 ? line[..colon] : line;
        var value = colon >= 0 ? line[(colon + 1)..] : [];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (!_dataAppended && BlankLineFollows(out var blankLength))
            {
                // The usual event, one data line and a blank line: parsed where it lies.
                _start += blankLength;
                Dispatch(value);
                return true;
            }

            var needed = _dataLength + value.Length + 1;
            if (_data is null || needed > _data.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 1024));
                if (_data is not null)
                {
                    _data.AsSpan(0, _dataLength).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(_data);
                }

                _data = grown;
            }

            if (_dataAppended)
            {
                _data[_dataLength++] = LF;
            }

            value.CopyTo(_data.AsSpan(_dataLength));
            _dataLength += value.Length;
            _dataAppended = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventType = Encoding.UTF8.GetString(value);
        }

        return false;
    }

    /// <summary>Whether the bytes after the current line are a blank line already in the buffer (and how long it is).</summary>
    private bool BlankLineFollows(out int length)
    {
        length = 0;
        if (_start >= _end)
        {
            return false;
        }

        if (_buffer[_start] == LF)
        {
            length = 1;
        }
        else if (_buffer[_start] == CR && _start + 1 < _end)
        {
            length = _buffer[_start + 1] == LF ? 2 : 1;
        }

        return length > 0;
    }

    private void Dispatch(ReadOnlySpan<byte> data)
    {
        Current = parse(_eventType ?? SseParser.EventTypeDefault, data);
        _eventType = null;
        _dataLength = 0;
        _dataAppended = false;
    }

    /// <summary>Before a read: space at the end of the buffer, by moving the unread part to the front or growing.</summary>
    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = _searched = 0;
            return;
        }

        if (_buffer.Length - _end >= InitialSize / 4)
        {
            return;
        }

        var pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _searched = Math.Max(0, _searched - _start);
            _start = 0;
            _end = pending;
            if (_buffer.Length - _end >= InitialSize / 4)
            {
                return;
            }
        }

        if (_buffer.Length >= MaxLineLength)
        {
            throw new InvalidDataException($"a server-sent event line is longer than {MaxLineLength / (1024 * 1024)} MB");
        }

        var grown = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _end).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
