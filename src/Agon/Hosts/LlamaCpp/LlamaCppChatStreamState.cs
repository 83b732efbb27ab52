using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// What <see cref="LlamaCppChatChunkParser"/> keeps across the chunks of one stream: one <see cref="LlamaCppChatChunk"/> refilled
/// per event and one template chunk whose content changes (the reader is done with either before it asks for the next
/// event), and the strings every chunk repeats.
/// </summary>
internal sealed class LlamaCppChatStreamState
{
    /// <summary>The bytes after which a JSON string's text is not simply its bytes: a quote, a backslash, control characters.</summary>
    private static readonly SearchValues<byte> s_escapedOrEnding = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    private readonly TokenTextCache _texts = new();
    private byte[]? _tail;
    private string? _tailId;
    private string? _tailModel;

    // The last plain content chunk, as the bytes around its content string and what it said besides.
    private byte[]? _prefix;
    private byte[]? _suffix;
    private LlamaCppChatChunk? _template;
    private int _contentStart;
    private int _contentEnd;
    private int _contents;

    public LlamaCppChatChunk Chunk { get; } = new();

    public RepeatedString Id { get; } = new();

    public RepeatedString Model { get; } = new();

    public RepeatedString FinishReason { get; } = new();

    /// <summary>How many chunks <see cref="TryTemplate"/> answered (for tests and benchmarks).</summary>
    public int Templated { get; private set; }

    /// <summary>
    /// After <c>choices</c>, whether the rest of a content chunk can be left unread. llama.cpp ends every chunk of
    /// a stream with the same bytes (<c>created</c>, <c>id</c>, <c>model</c>, <c>system_fingerprint</c>,
    /// <c>object</c>); decoding them again costs more than the content. A rest byte for byte equal to one already
    /// read in full, which carried no usage, timings or error, is skipped and its id and model reused.
    /// </summary>
    public bool TrySkipRest(LlamaCppChatChunk chunk, ReadOnlySpan<byte> rest)
    {
        if (_tail is null || (chunk.Content is null && chunk.ReasoningContent is null) || !rest.SequenceEqual(_tail))
        {
            return false;
        }

        chunk.Id ??= _tailId;
        chunk.Model ??= _tailModel;
        return true;
    }

    /// <summary>After a chunk was read in full: remembers its rest when it told nothing but id, model and the like.</summary>
    public void Read(LlamaCppChatChunk chunk, ReadOnlySpan<byte> rest)
    {
        if (chunk.Usage is not null || chunk.Timings is not null || chunk.Error is not null || rest.IndexOf("\"choices\""u8) >= 0)
        {
            return;
        }

        if (_tail is null || !rest.SequenceEqual(_tail))
        {
            _tail = rest.ToArray();
        }

        _tailId = chunk.Id;
        _tailModel = chunk.Model;
    }

    /// <summary>
    /// A content chunk that is byte for byte the last plain content chunk around its content string (llama.cpp
    /// sends the same bytes around every token): only the string is decoded, the rest is taken from that chunk.
    /// Anything else, or a middle that is not exactly one JSON string, returns null and is parsed in full.
    /// </summary>
    public LlamaCppChatChunk? TryTemplate(ReadOnlySpan<byte> data)
    {
        if (_template is null || data.Length < _prefix!.Length + _suffix!.Length + 2 || !data.StartsWith(_prefix) || !data.EndsWith(_suffix))
        {
            return null;
        }

        var middle = data[_prefix.Length..^_suffix.Length];
        if (middle[0] != (byte)'"' || middle[^1] != (byte)'"')
        {
            return null;
        }

        var inner = middle[1..^1];
        if (_texts.TryGet(inner) is { } known)
        {
            return Fill(known);
        }

        string? content;
        if (inner.IndexOfAny(s_escapedOrEnding) < 0 && Utf8.IsValid(inner))
        {
            // The usual token: nothing escaped, so its text is its bytes.
            content = Encoding.UTF8.GetString(inner);
            return Fill(content);
        }

        try
        {
            var reader = new Utf8JsonReader(middle);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.BytesConsumed != middle.Length)
            {
                return null;
            }

            content = reader.GetString();
        }
        catch (JsonException)
        {
            return null;
        }

        return Fill(content);
    }

    /// <summary>Called as a full parse starts.</summary>
    public void Begin() => _contents = 0;

    /// <summary>Where the parser found a content string (the token, quotes included).</summary>
    public void ContentAt(long start, long end)
    {
        _contents++;
        _contentStart = (int)start;
        _contentEnd = (int)end;
    }

    /// <summary>After a full parse: a plain content chunk becomes the template for the next ones.</summary>
    public void Learn(LlamaCppChatChunk chunk, ReadOnlySpan<byte> data)
    {
        if (_contents != 1 || chunk.Content is null || chunk.ReasoningContent is not null || chunk.ToolCalls is not null
            || chunk.Usage is not null || chunk.Timings is not null || chunk.Error is not null || _contentStart <= 0 || _contentEnd > data.Length)
        {
            return;
        }

        var prefix = data[.._contentStart];
        var suffix = data[_contentEnd..];
        if (_prefix is null || !prefix.SequenceEqual(_prefix))
        {
            _prefix = prefix.ToArray();
        }

        if (_suffix is null || !suffix.SequenceEqual(_suffix))
        {
            _suffix = suffix.ToArray();
        }

        _template = new LlamaCppChatChunk { Id = chunk.Id, Model = chunk.Model, Created = chunk.Created, Role = chunk.Role, FinishReason = chunk.FinishReason };
    }

    /// <summary>The template itself, with this chunk's content: everything else it says is the same.</summary>
    private LlamaCppChatChunk Fill(string? content)
    {
        _template!.Content = content;
        Templated++;
        return _template;
    }
}
