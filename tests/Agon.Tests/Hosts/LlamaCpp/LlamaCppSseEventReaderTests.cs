using System.Net.ServerSentEvents;
using System.Text;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>
/// The event reader under llama.cpp streams gives exactly what <see cref="SseParser"/> gives (the WHATWG rules), for
/// line ends of every kind, a BOM, multi-line data, comments and other fields, an unfinished last event, a line
/// longer than its first buffer, and with the body arriving in reads of any size (events split at every byte).
/// </summary>
public sealed class LlamaCppSseEventReaderTests
{
    private static readonly string[] s_bodies =
    [
        "data: a\n\ndata: b\n\n",
        "data: a\r\n\r\ndata: b\r\n\r\n",
        "data: a\r\rdata: b\r\r",
        "\uFEFFdata: a\n\n",
        ": ping\nevent: update\nid: 7\nretry: 100\ndata: one\ndata:two\ndata\nunknown: x\n\ndata: after the typed one\n\n",
        "data: a\n\ndata: unfinished\n",
        "data: a\n\ndata: b",
        "data:\n\n\n\ndata:  two spaces\n\n",
        "data: " + new string('x', 200_000) + "\n\ndata: y\n\n",
        string.Concat(Enumerable.Range(0, 3000).Select(i => $"data: {{\"n\":{i},\"text\":\"{new string('é', i % 17)}\"}}\n{(i % 3 == 0 ? "\r\n" : "\n")}")),
    ];

    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        for (var body = 0; body < s_bodies.Length; body++)
        {
            foreach (var piece in new[] { 1, 2, 3, 7, 64, 70_000 })
            {
                cases.Add(body, piece);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Events_SameAsTheSystemParser_WhateverTheReadSize(int body, int piece)
    {
        var bytes = Encoding.UTF8.GetBytes(s_bodies[body]);
        var expected = SseParser.Create(new MemoryStream(bytes), Describe).Enumerate().Select(i => i.Data).ToList();

        var actual = new List<string>();
        using (var reader = new LlamaCppSseEventReader<string>(new PieceStream(bytes, piece), Describe))
        {
            while (await reader.MoveNextAsync(TestContext.Current.CancellationToken))
            {
                actual.Add(reader.Current);
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    private static string Describe(string type, ReadOnlySpan<byte> data) => type + "|" + Encoding.UTF8.GetString(data);

    /// <summary>Hands out its bytes at most <c>piece</c> at a time, completing each read at once.</summary>
    private sealed class PieceStream(byte[] data, int piece) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(piece, buffer.Length), data.Length - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
