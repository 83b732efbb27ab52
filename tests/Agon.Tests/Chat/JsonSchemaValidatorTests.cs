using System.Text.Json;
using Agon.Chat;

namespace Agon.Tests.Chat;

public sealed class JsonSchemaValidatorTests
{
    private static IReadOnlyList<string> Validate(string value, string schema) =>
        JsonSchemaValidator.Validate(JsonDocument.Parse(value).RootElement, JsonDocument.Parse(schema).RootElement);

    private const string Person = """
        {"type":"object","additionalProperties":false,"required":["name","tags"],
         "properties":{"name":{"type":"string","minLength":1},"age":{"type":["integer","null"],"minimum":0},
                       "tags":{"type":"array","items":{"enum":["a","b"]},"maxItems":2},"kind":{"const":"pet"},
                       "id":{"anyOf":[{"type":"integer"},{"type":"string"}]}}}
        """;

    [Fact]
    public void Valid_NoErrors() =>
        Assert.Empty(Validate("""{"name":"Tom","age":null,"tags":["a"],"kind":"pet","id":"x1"}""", Person));

    [Theory]
    [InlineData("""{"tags":[]}""", "$: missing required property 'name'")]
    [InlineData("""{"name":"","tags":[]}""", "$.name: shorter than 1 characters")]
    [InlineData("""{"name":"T","age":2.5,"tags":[]}""", "$.age: expected integer or null, got number")]
    [InlineData("""{"name":"T","age":-1,"tags":[]}""", "$.age: less than 0")]
    [InlineData("""{"name":"T","tags":["c"]}""", "$.tags[0]: must be one of \"a\", \"b\"")]
    [InlineData("""{"name":"T","tags":["a","b","a"]}""", "$.tags: more than 2 items")]
    [InlineData("""{"name":"T","tags":[],"kind":"cat"}""", "$.kind: must be \"pet\"")]
    [InlineData("""{"name":"T","tags":[],"id":true}""", "$.id: matches 0 of the anyOf alternatives")]
    [InlineData("""{"name":"T","tags":[],"extra":1}""", "$.extra: property not allowed")]
    [InlineData("""[1]""", "$: expected object, got array")]
    public void Invalid_PathAndReason(string value, string expected) => Assert.Contains(expected, Validate(value, Person));

    [Fact]
    public void Verdict_PlainJsonMode_NeedsAnObject()
    {
        Assert.True(JsonVerdict.Judge("""{"a":1}""", null).Valid);
        Assert.Equal("expected a JSON object, got array", JsonVerdict.Judge("[1]", null).Errors[0]);
        Assert.StartsWith("not valid JSON:", JsonVerdict.Judge("Once upon a time", null).Errors[0]);
    }
}
