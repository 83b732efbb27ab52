using System.Text.Json;
using Agon.Hosts.Embedded;

namespace Agon.Tests.Hosts.Embedded;

/// <summary>The JSON Schema → GBNF converter: coverage and refusals (the engine tests check the grammars constrain output).</summary>
public sealed class JsonGrammarTests
{
    private static string Convert(string schema) => JsonGrammar.FromSchema(JsonDocument.Parse(schema).RootElement);

    [Fact]
    public void Object_EveryPropertyInOrder()
    {
        var grammar = Convert("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name"]}""");

        Assert.Contains("root ::= r", grammar);
        Assert.Contains("\"{\" ws \"\\\"name\\\"\" ws \":\" ws ", grammar);
        Assert.Contains("ws \",\" ws \"\\\"age\\\"\" ws \":\" ws ", grammar);
    }

    [Fact]
    public void EnumConstNullableAnyOfItems()
    {
        var grammar = Convert("""
            {"type":"object","properties":{
              "color":{"enum":["red","green"]},
              "kind":{"const":"pet"},
              "note":{"type":["string","null"]},
              "id":{"anyOf":[{"type":"integer"},{"type":"string"}]},
              "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3}
            }}
            """);

        Assert.Contains("\"\\\"red\\\"\" | \"\\\"green\\\"\"", grammar);
        Assert.Contains("\"\\\"pet\\\"\"", grammar);
        Assert.Contains("string | null", grammar);
        Assert.Matches(@"r\d+ ::= r\d+ \| r\d+\n", grammar);
        Assert.Contains("{0,2}", grammar);
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^a"}""", "JSON schema keyword 'pattern' at $ is not supported by the in-process engine")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/x"}}}""", "JSON schema keyword '$ref' at $.properties.a is not supported")]
    [InlineData("""{"oneOf":[{"type":"string"}]}""", "keyword 'oneOf' at $")]
    [InlineData("""{"type":"date"}""", "JSON schema type 'date' at $ is not supported")]
    public void Unsupported_ClearMessage(string schema, string expected)
    {
        var error = Assert.Throws<AgonException>(() => Convert(schema));

        Assert.Contains(expected, error.Message);
        Assert.Contains("(supported: type, properties, required, enum, const, items, minItems, maxItems, anyOf)", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void AnyObject_RootIsObject() => Assert.StartsWith("root ::= object\n", JsonGrammar.AnyObject);

    [Fact]
    public void StopSequences_HeldBackAcrossPieces()
    {
        var stops = new StopSequences(["User:", "###"]);

        var output = stops.Push("Hello Us") + stops.Push("er") + stops.Push(": more");

        Assert.Equal("Hello ", output);
        Assert.True(stops.Stopped);
    }

    [Fact]
    public void StopSequences_FalseStart_Released()
    {
        var stops = new StopSequences(["###"]);

        var output = stops.Push("a #") + stops.Push("# b") + stops.Flush();

        Assert.Equal("a ## b", output);
        Assert.False(stops.Stopped);
    }
}
