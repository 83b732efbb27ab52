using System.Text;
using Agon.Hosts.LlamaCpp;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>Odd but legal chunk shapes never throw: nulls, missing parts, strings where objects were expected.</summary>
public sealed class LlamaCppChatChunkParserTests
{
    private static LlamaCppChatChunk Parse(string json) => LlamaCppChatChunkParser.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"choices":null}""")]
    [InlineData("""{"choices":[{"delta":null,"finish_reason":null}]}""")]
    [InlineData("""{"choices":[{"delta":{"content":null,"tool_calls":null}}]}""")]
    [InlineData("""{"choices":[{"delta":{"tool_calls":[{"index":1e99,"function":{"name":"f","arguments":{"a":1}}}]}}]}""")]
    [InlineData("""{"usage":null,"timings":"n/a","error":null}""")]
    [InlineData("""{"choices":[],"unknown":{"deep":[1,{"x":[2]}]}}""")]
    public void OddShapes_ParseWithoutThrowing(string json)
    {
        var chunk = Parse(json);

        Assert.Null(chunk.RawText);
        Assert.Null(chunk.Content);
    }

    [Fact]
    public void ArgumentsAsObject_KeptAsJsonText()
    {
        var chunk = Parse("""{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":{"a":1}}}]}}]}""");

        Assert.Equal("""{"a":1}""", Assert.Single(chunk.ToolCalls!).Arguments);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"choices\":[")]
    public void NotJson_RawTextKept(string text) => Assert.Equal(text, Parse(text).RawText);

    [Fact]
    public void ErrorAsString_Read() => Assert.Equal("boom", Parse("""{"error":"boom"}""").Error!.Message);
}
