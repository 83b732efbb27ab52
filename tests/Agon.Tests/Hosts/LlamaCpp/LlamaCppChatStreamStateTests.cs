using System.Text;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>A stream's chunks are parsed into one reused chunk; the strings every chunk repeats are decoded once.</summary>
public sealed class LlamaCppChatStreamStateTests
{
    private static LlamaCppChatChunk Parse(string json, LlamaCppChatStreamState state) => LlamaCppChatChunkParser.Parse(Encoding.UTF8.GetBytes(json), state);

    [Fact]
    public void RepeatedIdAndModel_SameStringInstance()
    {
        var state = new LlamaCppChatStreamState();

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
        var state = new LlamaCppChatStreamState();
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
        var state = new LlamaCppChatStreamState();

        // The chunk is refilled per event, so each value is read before the next parse.
        var first = Parse("""{"id":"a\u0062"}""", state).Id;
        var second = Parse("""{"id":""}""", state).Id;
        var third = Parse("""{"id":"ab"}""", state).Id;

        Assert.Equal(("ab", "", "ab"), (first, second, third));
    }

    [Fact]
    public void NotJson_AFreshChunkWithTheRawText()
    {
        var state = new LlamaCppChatStreamState();
        Parse("""{"id":"x"}""", state);

        var raw = Parse("proxy error", state);

        Assert.Equal("proxy error", raw.RawText);
        Assert.NotSame(state.Chunk, raw);
    }

    [Fact]
    public void SameRestAsBefore_SkippedWithItsIdAndModel()
    {
        var state = new LlamaCppChatStreamState();
        const string Rest = ""","created":1,"id":"chatcmpl-1","model":"stories260K","object":"chat.completion.chunk"}""";
        Parse("""{"choices":[{"delta":{"content":"a"}}]""" + Rest, state);

        var next = Parse("""{"choices":[{"delta":{"content":"b"}}]""" + Rest, state);

        Assert.Equal(("b", "chatcmpl-1", "stories260K"), (next.Content, next.Id, next.Model));
    }

    [Fact]
    public void RestWithUsageOrTimings_AlwaysRead()
    {
        var state = new LlamaCppChatStreamState();
        const string Rest = ""","id":"x","model":"m","usage":{"completion_tokens":2},"timings":{"predicted_n":2}}""";
        Parse("""{"choices":[{"delta":{"content":"a"}}]""" + Rest, state);

        var next = Parse("""{"choices":[{"delta":{"content":"b"}}]""" + Rest, state);

        Assert.Equal(2, next.Usage!.CompletionTokens);
        Assert.Equal(2, next.Timings!.PredictedN);
    }

    [Fact]
    public void ChangedRest_ReadInFull()
    {
        var state = new LlamaCppChatStreamState();
        Parse("""{"choices":[{"delta":{"content":"a"}}],"id":"x","model":"m"}""", state);

        var next = Parse("""{"choices":[{"delta":{"content":"b"}}],"id":"x","model":"m","error":{"message":"boom"}}""", state);
        var message = next.Error?.Message;
        var after = Parse("""{"choices":[{"delta":{"content":"c"}}],"id":"x","model":"m2"}""", state);

        Assert.Equal("boom", message);
        Assert.Equal(("c", "m2"), (after.Content, after.Model));
    }

    [Fact]
    public void SameBytesAroundTheContent_OnlyTheStringDecoded()
    {
        var state = new LlamaCppChatStreamState();
        const string Head = """{"choices":[{"finish_reason":null,"index":0,"delta":{"content":""";
        const string Tail = """}}],"created":7,"id":"chatcmpl-1","model":"stories260K","object":"chat.completion.chunk"}""";
        Parse(Head + "\"a\"" + Tail, state);

        var escaped = Parse(Head + "\"\\\"\\u00e9\\n\"" + Tail, state);
        var (content, id, model, created) = (escaped.Content, escaped.Id, escaped.Model, escaped.Created);
        var notOneString = Parse(Head + "\"x\",\"content\":\"y\"" + Tail, state).Content;
        var otherTail = Parse(Head + "\"z\"" + Tail.Replace("\"created\":7", "\"usage\":{\"completion_tokens\":3}", StringComparison.Ordinal), state);

        Assert.Equal(("\"é\n", "chatcmpl-1", "stories260K", 7L), (content, id, model, created));
        Assert.Equal("y", notOneString);
        Assert.Equal(("z", 3L), (otherTail.Content, otherTail.Usage!.CompletionTokens));
    }

    [Fact]
    public void AfterARoleChunk_ContentChunksUseTheTemplate()
    {
        var state = new LlamaCppChatStreamState();
        const string Tail = ""","created":7,"id":"chatcmpl-1","model":"stories260K"}""";
        Parse("""{"choices":[{"delta":{"role":"assistant","content":null}}]""" + Tail, state);
        Parse("""{"choices":[{"delta":{"content":"a"}}]""" + Tail, state);
        Parse("""{"choices":[{"delta":{"content":"b"}}]""" + Tail, state);

        Assert.True(state.Templated > 0);
        Assert.Equal("c", Parse("""{"choices":[{"delta":{"content":"c"}}]""" + Tail, state).Content);
    }
}
