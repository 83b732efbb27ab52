using System.Text.Json;
using System.Text.Json.Nodes;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts.LlamaCpp;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>The exact request JSON for every configured parameter, JSON mode, tools and tool history.</summary>
public sealed class ChatRequestJsonTests
{
    private static JsonNode Write(ChatOptions? options, IEnumerable<ChatMessage>? messages = null, bool stream = false) =>
        JsonNode.Parse(LlamaCppChatRequestWriter.Write("m", messages ?? [new(ChatRole.User, "hi")], options, stream))!;

    [Fact]
    public void RawCompletion_PromptAsWritten_NPredict_JsonSchemaAsJsonSchema_NoTemplateKeys()
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = -1,
            StopSequences = ["\n\n"],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","required":["name"]}""").RootElement, "response"),
            AdditionalProperties = new() { ["num_ctx"] = 4096, [Agon.Hosts.RawPrompt.OptionKey] = true },
        };

        var body = JsonNode.Parse(LlamaCppChatRequestWriter.WriteCompletion("m", "Once upon a time", options, stream: true))!;

        var expected = JsonNode.Parse("""
            {"model":"m","prompt":"Once upon a time","temperature":0,"n_predict":-1,"stop":["\n\n"],
             "json_schema":{"type":"object","required":["name"]},"stream":true}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void EveryConfiguredParameter_SentUnderLlamaCppName_OthersPassedThrough_NumCtxNot()
    {
        var parameters = new ModelParameters
        {
            Temperature = 0.7,
            TopK = 40,
            TopP = 0.9,
            MinP = 0.05,
            TypicalP = 0.95,
            RepeatLastN = 64,
            RepeatPenalty = 1.1,
            PresencePenalty = 0.2,
            FrequencyPenalty = 0.3,
            Seed = 42,
            MaxTokens = 128,
            Stop = ["</s>", "User:"],
            NumCtx = 4096,
            Extra = new Dictionary<string, JsonElement>
            {
                ["mirostat"] = JsonDocument.Parse("2").RootElement,
                ["dry_sequence_breakers"] = JsonDocument.Parse("[\"\\n\"]").RootElement,
                ["cache_prompt"] = JsonDocument.Parse("false").RootElement,
            },
        };

        var body = Write(ChatOptionsFactory.Create(parameters));

        var expected = JsonNode.Parse("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "temperature":0.7,"top_p":0.9,"top_k":40,"seed":42,"max_tokens":128,"presence_penalty":0.2,"frequency_penalty":0.3,
             "stop":["</s>","User:"],"min_p":0.05,"typical_p":0.95,"repeat_last_n":64,"repeat_penalty":1.1,
             "mirostat":2,"dry_sequence_breakers":["\n"],"cache_prompt":false}
            """);
        Assert.True(JsonNode.DeepEquals(expected, Normalize(body)), body.ToJsonString());
    }

    [Fact]
    public void Stream_AsksForUsage()
    {
        var body = Write(null, stream: true);

        Assert.True((bool)body["stream"]!);
        Assert.True((bool)body["stream_options"]!["include_usage"]!);
    }

    [Fact]
    public void NoOptions_NoStreamKey_OnlyModelAndMessages()
    {
        Assert.Equal("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", Write(null).ToJsonString());
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("auto", "auto")]
    [InlineData("required", "required")]
    [InlineData("specific", "required")]
    public void Tools_OpenAiFunctionFormat_ToolChoiceAlwaysAString(string mode, string expected)
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}""").RootElement;
        var tool = AIFunctionFactory.CreateDeclaration("get_time", "Current time in a zone", schema);
        var options = new ChatOptions
        {
            Tools = [tool],
            ToolMode = mode switch
            {
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                "specific" => ChatToolMode.RequireSpecific("get_time"),
                _ => ChatToolMode.Auto,
            },
        };

        var body = Write(options);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"type":"function","function":{"name":"get_time","description":"Current time in a zone","parameters":{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}}}]"""),
            body["tools"]));
        Assert.Equal(expected, (string?)body["tool_choice"]);
    }

    [Fact]
    public void ToolHistory_AssistantCallsAndToolResults()
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "time?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_time", new Dictionary<string, object?> { ["zone"] = "UTC" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "12:00")]),
        };

        var body = Write(null, messages);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"role":"user","content":"time?"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{\"zone\":\"UTC\"}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"12:00"}]
            """), body["messages"]));
    }

    [Fact]
    public void ParamValue_ParsedAsJsonElseString()
    {
        Assert.Equal(JsonValueKind.Number, ChatOptionsFactory.ParseValue("0.5").ValueKind);
        Assert.Equal(JsonValueKind.True, ChatOptionsFactory.ParseValue("true").ValueKind);
        Assert.Equal("hello world", ChatOptionsFactory.ParseValue("hello world").GetString());
        Assert.Equal(JsonValueKind.Array, ChatOptionsFactory.ParseValue("[\"a\"]").ValueKind);
    }

    /// <summary>Floats widened to double print as 0.699999988; compare at float precision.</summary>
    private static JsonNode Normalize(JsonNode body)
    {
        foreach (var key in new[] { "temperature", "top_p", "presence_penalty", "frequency_penalty" })
        {
            body[key] = Math.Round((double)body[key]!, 6);
        }

        return body;
    }
}
