using System.Text.Json;
using Agon.Chat;
using Agon.Configuration;
using Agon.Hosts.Embedded;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Hosts.Embedded;

/// <summary>
/// The in-process engine's tool mode on stories260K (skipped, saying why, when the models are absent): the grammar
/// built from the tool schemas makes even this tiny model answer a valid call, or text, every time.
/// </summary>
public sealed class EmbeddedToolModeTests
{
    private static readonly AIFunctionDeclaration[] s_tools =
    [
        AIFunctionFactory.CreateDeclaration("get_time", "Get the current time in an IANA time zone",
            JsonDocument.Parse("""{"type":"object","properties":{"timezone":{"type":"string","description":"IANA time zone name"}},"required":["timezone"]}""").RootElement),
        AIFunctionFactory.CreateDeclaration("add", "Adds two numbers",
            JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"integer"},"exact":{"type":["boolean","null"]}},"required":["a","b"]}""").RootElement),
        AIFunctionFactory.CreateDeclaration("current_weather", "Weather now", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static EmbeddedHost Host(FakeEnvironment env)
    {
        SharedModels.RequireOrSkip();
        var dir = Path.Combine(env.Root, "models");
        Directory.CreateDirectory(dir);
        File.Copy(SharedModels.Path("stories260K.gguf"), Path.Combine(dir, "stories260K.gguf"));
        var config = new HostConfig { Name = "local", Type = HostType.Embedded, ModelsDirs = [dir], Timeout = TimeSpan.FromMinutes(2) };
        return new EmbeddedHost(config, env, TimeProvider.System, new MemoryLog());
    }

    [Theory]
    [InlineData(0f, false)]
    [InlineData(1f, false)]
    [InlineData(0f, true)]
    [InlineData(1f, true)]
    public async Task Stories_RequiredToolMode_AValidCallEveryTime(float temperature, bool stream)
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env);
        var client = host.GetChatClient("stories260K");

        for (var seed = 1; seed <= 6; seed++)
        {
            var options = new ChatOptions { Temperature = temperature, Seed = seed, MaxOutputTokens = 400, Tools = [.. s_tools], ToolMode = ChatToolMode.RequireAny };
            var contents = await AnswerAsync(client, options, stream);

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(contents, c => c is FunctionCallContent or TextContent { Text.Length: > 0 }));
            AssertValid(call);
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    public async Task Stories_AutoToolMode_AValidCallOrText_EveryTime(float temperature)
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env);
        var client = host.GetChatClient("stories260K");

        for (var seed = 1; seed <= 6; seed++)
        {
            var options = new ChatOptions { Temperature = temperature, Seed = seed, MaxOutputTokens = 400, Tools = [.. s_tools], ToolMode = ChatToolMode.Auto };
            var response = await client.GetResponseAsync("What time is it in Paris?", options, Token);

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0)
            {
                AssertValid(Assert.Single(calls));
                Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            }
            else
            {
                // An answer: its text, never the grammar's JSON envelope.
                Assert.DoesNotContain("\"answer\"", response.Text, StringComparison.Ordinal);
                Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            }
        }
    }

    [Theory]
    [InlineData("""{"answer": "It is two o'clock"}""", "It is two o'clock")]
    [InlineData("""{ "answer" : "Once upon a time, a cat""", "Once upon a time, a cat")]
    [InlineData("""{"answer": "line one\nline two\""", "line one\nline two")]
    [InlineData("""{"answer": "caf\u00e9 and t\u00""", "café and t")]
    [InlineData("""{"answer": "done" """, "done")]
    [InlineData("""{"answer": """, "")]
    [InlineData("""{"answer": "smile \ud83d\ude00 and \ud83d""", "smile \U0001F600 and ")]
    [InlineData("""{"answer": "smile \ud83d\ude0""", "smile ")]
    [InlineData("""{"answer": "lone \ud83d in the middle"}""", "lone \uFFFD in the middle")]
    [InlineData("""{"answer": "done"          """, "done")]
    [InlineData("""{ "tool" : "current_time" , "arguments""", """{ "tool" : "current_time" , "arguments""")]
    public void Parse_AnAnswerCutByTheTokenLimit_IsItsTextSoFar(string output, string text)
    {
        var content = Assert.IsType<TextContent>(EmbeddedToolMode.Parse(output));

        Assert.Equal(text, content.Text);
    }

    [Fact]
    public async Task Stories_ThroughTheToolLoop_ResultGoesBack_NoError()
    {
        using var env = new FakeEnvironment();
        await using var host = Host(env);
        await using var bed = await Agon.Tests.Mcp.McpTestBed.StartAsync(new McpSettings { Enabled = true, MaxRounds = 2 });
        var engine = new ChatEngine(TimeProvider.System, bed.Log, tools: new Agon.Mcp.ToolSession(bed.Toolbox, bed.Settings, bed.Log));
        var request = new ChatRequest { Prompt = "What is 40 + 2?", Parameters = ChatParameters.ParseFlags(["temperature=0", "max_tokens=200", "seed=7"]) };

        var outcome = (await engine.RunAsync(request, [new ChatTarget(host, "stories260K")], new IgnoringObserver(), Token))[0];

        Assert.Null(outcome.Error);
        Assert.All(outcome.ToolCalls, c => Assert.Contains(c.Name, new[] { "add", "fail", "soft_error", "hang", "long_text" }));
    }

    private static async Task<List<AIContent>> AnswerAsync(IChatClient client, ChatOptions options, bool stream)
    {
        if (!stream)
        {
            return [.. (await client.GetResponseAsync("What time is it in Paris?", options, Token)).Messages.SelectMany(m => m.Contents)];
        }

        var contents = new List<AIContent>();
        await foreach (var update in client.GetStreamingResponseAsync("What time is it in Paris?", options, Token))
        {
            contents.AddRange(update.Contents);
        }

        return contents;
    }

    private static void AssertValid(FunctionCallContent call)
    {
        var tool = Assert.Single(s_tools, t => t.Name == call.Name);
        using var arguments = JsonDocument.Parse(JsonWriterExtensions.ToolArgumentsJson(call.Arguments));
        Assert.Empty(JsonSchemaValidator.Validate(arguments.RootElement, tool.JsonSchema));
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
    }

    private sealed class IgnoringObserver : IChatObserver
    {
        public void OnEvent(ChatEvent chatEvent)
        {
        }
    }
}
