using System.Globalization;
using System.Text;

namespace Agon.Diagnostics;

/// <summary>
/// Logs every HTTP exchange with a host: <c>AGON-&gt;LLM</c> for the request and <c>LLM-&gt;AGON</c> for the
/// response headers and, once the body has been read to its end (streams included), its byte count and
/// duration (<c>AGON-&gt;MCP</c> / <c>MCP-&gt;AGON</c> for an MCP server over HTTP). Bodies are written only with <c>--debug</c>. Credentials are always redacted. A body reported
/// <c>complete</c> was read to its end, to its Content-Length, or to its protocol's last message (SSE
/// <c>[DONE]</c>, a final <c>"done":true</c> or <c>"stop":true</c> event), after which readers stop without waiting
/// for the connection to close; <c>closed early</c> means the reader gave up before that (Ctrl+C, a failure).
/// </summary>
internal sealed class WireLogHandler(IAgonLog log, string hostName, TimeProvider timeProvider, bool scanLines = true, string peer = "LLM") : DelegatingHandler
{
    /// <summary>At most this much of a body is copied into the log with <c>--debug</c>.</summary>
    public const int MaxLoggedBodyBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var url = SecretRedactor.Redact(request.RequestUri?.ToString() ?? "");
        long requestBytes = 0;
        string? requestBody = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            requestBytes = bytes.Length;
            if (log.IncludeBodies)
            {
                requestBody = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxLoggedBodyBytes));
            }
        }

        var line = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"AGON->{peer} host={hostName} {method} {url} bytes={requestBytes}");
        AppendHeaders(line, request.Headers);
        if (requestBody is not null)
        {
            line.Append(" body=").Append(requestBody);
        }

        log.Write(line.ToString());

        var started = timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Write(string.Create(CultureInfo.InvariantCulture, $"{peer}->AGON host={hostName} {method} {url} cancelled after {Elapsed(started)}ms"));
            throw;
        }
        catch (Exception ex)
        {
            log.Write(string.Create(CultureInfo.InvariantCulture, $"{peer}->AGON host={hostName} {method} {url} failed after {Elapsed(started)}ms: {ex.GetType().Name}: {ex.Message}"));
            throw;
        }

        var status = (int)response.StatusCode;
        log.Write(string.Create(CultureInfo.InvariantCulture, $"{peer}->AGON host={hostName} {method} {url} status={status} headers after {Elapsed(started)}ms"));
        if (response.Content is { } content)
        {
            var inner = await content.ReadAsStreamAsync(cancellationToken);
            var counting = new CountingStream(inner, log.IncludeBodies ? MaxLoggedBodyBytes : 0, content.Headers.ContentLength, scanLines, (bytes, body, outcome) =>
            {
                var done = new StringBuilder().Append(CultureInfo.InvariantCulture,
                    $"{peer}->AGON host={hostName} {method} {url} status={status} {outcome} bytes={bytes} duration={Elapsed(started)}ms");
                if (body is not null)
                {
                    done.Append(" body=").Append(body);
                }

                log.Write(done.ToString());
            });
            var replacement = new StreamContent(counting);
            foreach (var header in content.Headers)
            {
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = replacement;
        }

        return response;
    }

    private long Elapsed(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private static void AppendHeaders(StringBuilder line, System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var header in headers)
        {
            var value = SecretRedactor.IsSecretHeader(header.Key) ? SecretRedactor.Mask : string.Join(",", header.Value);
            line.Append(' ').Append(header.Key).Append('=').Append(value);
        }
    }

    /// <summary>Counts what the caller reads and reports once: at the end of the body, or when it is disposed early.</summary>
    private sealed class CountingStream(Stream inner, int captureLimit, long? contentLength, bool scanLines, Action<long, string?, string> completed) : ReadObservingStream(inner)
    {
        /// <summary>How much of each line is kept to look for an end marker (they come early in the last event).</summary>
        private const int LineWindow = 4096;

        private readonly MemoryStream? _capture = captureLimit > 0 ? new MemoryStream() : null;
        private readonly byte[] _line = new byte[LineWindow];
        private int _lineLength;
        private bool _endSeen;
        private long _bytes;
        private int _reported;

        public override long Position { get => _bytes; set => throw new NotSupportedException(); }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Report(EndedNormally() ? "complete" : "closed early");
                _capture?.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override void OnRead(ReadOnlySpan<byte> read)
        {
            if (read.Length == 0)
            {
                Report("complete");
                return;
            }

            _bytes += read.Length;
            if (scanLines)
            {
                Scan(read);
            }

            if (_capture is not null && _capture.Length < captureLimit)
            {
                _capture.Write(read[..(int)Math.Min(read.Length, captureLimit - _capture.Length)]);
            }
        }

        /// <summary>
        /// Notes whether the last non-blank line ended the stream; only that line counts, so a read is searched from its
        /// end for its last complete line (vectorised), never byte by byte, and only the unfinished line after it is kept.
        /// </summary>
        private void Scan(ReadOnlySpan<byte> read)
        {
            var last = read.LastIndexOf((byte)'\n');
            if (last < 0)
            {
                Keep(read);
                return;
            }

            var complete = read[..last];
            while (true)
            {
                var start = complete.LastIndexOf((byte)'\n');
                if (start < 0)
                {
                    // The first complete line of this read continues the line kept from before.
                    Keep(complete);
                    EndLine();
                    break;
                }

                var line = complete[(start + 1)..];
                if (!line.Trim(" \r\t"u8).IsEmpty)
                {
                    _lineLength = 0;
                    Keep(line);
                    EndLine();
                    break;
                }

                complete = complete[..start];
            }

            _lineLength = 0;
            Keep(read[(last + 1)..]);
        }

        /// <summary>Adds to the start of the current line (its first <see cref="LineWindow"/> bytes are enough).</summary>
        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = LineWindow - _lineLength;
            if (room > 0)
            {
                bytes = bytes[..Math.Min(bytes.Length, room)];
                bytes.CopyTo(_line.AsSpan(_lineLength));
                _lineLength += bytes.Length;
            }
        }

        private void EndLine()
        {
            var line = _line.AsSpan(0, _lineLength).Trim(" \r\t"u8);
            if (line.Length > 0)
            {
                _endSeen = line.IndexOf("[DONE]"u8) >= 0
                    || line.IndexOf("\"done\":true"u8) >= 0 || line.IndexOf("\"done\": true"u8) >= 0
                    || line.IndexOf("\"stop\":true"u8) >= 0 || line.IndexOf("\"stop\": true"u8) >= 0;
            }

            _lineLength = 0;
        }

        private bool EndedNormally()
        {
            EndLine();
            return _endSeen || (contentLength is { } length && _bytes >= length);
        }

        private void Report(string outcome)
        {
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                var body = _capture is null ? null : Encoding.UTF8.GetString(_capture.GetBuffer(), 0, (int)_capture.Length);
                completed(_bytes, body, outcome);
            }
        }
    }
}
