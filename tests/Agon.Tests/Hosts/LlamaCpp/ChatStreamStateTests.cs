using System.Text;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>A stream's chunks are parsed into one reused chunk; the strings every chunk repeats are decoded once.</summary>
public sealed class ChatStreamStateTests
{
    private static ChatChunk Parse(string json, ChatStreamState state) => ChatChunkParser.Parse(Encoding.UTF8.GetBytes(json), state);

    [Fact]
    public void RepeatedIdAndModel_SameStringInstance()
    {
        var state = new ChatStreamState();

        var first = Parse("""{"choices":[{"delta":{"content":"Once"}}],"id":"chatcmpl-1","model":"stories260K"}""", state);
        var (id, model, content) = (first.Id, first.Model, first.Content);
        var second = Parse("""{"choices":[{"delta":{"content":" upon"}}],"id":"chatcmpl-1","model":"stories260K"}""", state);

        Assert.Equal(("Once", "chatcmpl-1", "stories260K"), (content, id, model));
        Assert.Same(id, second.Id);
        Assert.Same(model, second.Model);
        Assert.Equal(" upon", second.Content);
    }

    [Fact]
    public void ChangedValues_ReadAfresh_NothingCarriedOver()
    {
        var state = new ChatStreamState();
        Parse("""{"choices":[{"delta":{"content":"a","reasoning_content":"r"},"finish_reason":null}],"id":"x","model":"m","usage":{"prompt_tokens":1}}""", state);

        var next = Parse("""{"choices":[{"delta":{},"finish_reason":"length"}],"id":"y","model":"m2"}""", state);

        Assert.Equal(("y", "m2", "length"), (next.Id, next.Model, next.FinishReason));
        Assert.Null(next.Content);
        Assert.Null(next.ReasoningContent);
        Assert.Null(next.Usage);
    }

    [Fact]
    public void EscapedId_DecodedEachTime()
    {
        var state = new ChatStreamState();

        // The chunk is refilled per event, so each value is read before the next parse.
        var first = Parse("""{"id":"a\u0062"}""", state).Id;
        var second = Parse("""{"id":""}""", state).Id;
        var third = Parse("""{"id":"ab"}""", state).Id;

        Assert.Equal(("ab", "", "ab"), (first, second, third));
    }

    [Fact]
    public void NotJson_AFreshChunkWithTheRawText()
    {
        var state = new ChatStreamState();
        Parse("""{"id":"x"}""", state);

        var raw = Parse("proxy error", state);

        Assert.Equal("proxy error", raw.RawText);
        Assert.NotSame(state.Chunk, raw);
    }
}
