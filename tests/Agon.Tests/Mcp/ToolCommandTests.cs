using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Agon.Tests.Mcp;

/// <summary>
/// The tool commands end to end: <c>agon chat</c> with <c>mcpMode</c> against a written Ollama fake (not recorded) and
/// an in-memory MCP server: the stderr lines, ndjson events, <c>--output json</c>, <c>--confirm-tools</c>; and
/// <c>agon list tools</c> in text and JSON with a server that fails to start.
/// </summary>
public sealed class ToolCommandTests
{
    private const string Config = """
        {"mcpMode": true,
         "hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["qwen3:0.6b"]}],
         "mcpServers": {"mem": {"command": "unused"}}}
        """;

    private static async Task<(CliResult Result, WrittenOllama Ollama, InMemoryMcpServer Server)> ChatAsync(FakeEnvironment env, string args, string? stdin = null, bool interactive = false)
    {
        env.WriteConfig(Config);
        var ollama = new WrittenOllama();
        var server = new InMemoryMcpServer();
        var result = await AgonRunner.RunArgsAsync(env, AgonRunner.Split(args), _ => ollama, TestContext.Current.CancellationToken, stdin, interactive,
            mcpTransports: s => s.Name == "mem" ? server.ClientTransport() : null);
        return (result, ollama, server);
    }

    [Fact]
    public async Task Chat_Text_EachCallAndResultOnStderr_AnswerOnStdout()
    {
        using var env = new FakeEnvironment();
        var (result, ollama, server) = await ChatAsync(env, "chat -p \"What is 40 + 2?\"");
        await using (server)
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("It is 42.\n", result.StdOut);
            Assert.Matches(@"(?m)^→ add \{""a"":40,""b"":2\} \(mem\) · \d+ ms$", result.StdErr);
            Assert.Contains("\n← \"42\"\n", result.StdErr, StringComparison.Ordinal);
            Assert.Equal(2, ollama.Chats.Count);
            Assert.Equal("tool", (string?)ollama.Chats[1]["messages"]!.AsArray().Last()!["role"]);
        }
    }

    [Fact]
    public async Task Chat_Ndjson_ToolCallAndToolResultEvents_MatchTheSchema()
    {
        using var env = new FakeEnvironment();
        var (result, _, server) = await ChatAsync(env, "chat -p \"What is 40 + 2?\" --output ndjson");
        await using (server)
        {
            Assert.Equal(0, result.ExitCode);
            var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines)
            {
                Schemas.AssertValid("chat-event", line);
            }

            var events = lines.Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(["start", "tool_call", "tool_result", "delta", "delta", "done"], events.Select(e => (string?)e["event"]).Where(e => e != "note"));
            var call = events.Single(e => (string?)e["event"] == "tool_call")["tool"]!;
            var done = events.Single(e => (string?)e["event"] == "tool_result")["tool"]!;
            Assert.Equal(("add", "mem"), ((string?)call["name"], (string?)call["server"]));
            Assert.Equal(("mem", "42", false, false), ((string?)done["server"], (string?)done["result"], (bool)done["isError"]!, (bool)done["parsedFromText"]!));
            Assert.Equal((string?)call["id"], (string?)done["id"]);
        }
    }

    [Fact]
    public async Task Chat_Json_ListsTheCallsPerTarget()
    {
        using var env = new FakeEnvironment();
        var (result, _, server) = await ChatAsync(env, "chat -p \"What is 40 + 2?\" --output json");
        await using (server)
        {
            Assert.Equal(0, result.ExitCode);
            Schemas.AssertValid("chat-result", result.StdOut);
            var json = JsonNode.Parse(result.StdOut)!;
            var target = json["results"]?[0] ?? json;
            var call = Assert.Single(target["toolCalls"]!.AsArray())!;
            Assert.Equal(("add", "{\"a\":40,\"b\":2}", "42"), ((string?)call["name"], call["arguments"]!.ToJsonString(), (string?)call["result"]));
            Assert.Equal("It is 42.", (string?)target["content"]);
        }
    }

    [Theory]
    [InlineData("y\n", 1, "42")]
    [InlineData("n\n", 0, "not called: the user declined this call")]
    public async Task Chat_ConfirmTools_AsksBeforeEachCall(string answer, int calls, string toolResult)
    {
        using var env = new FakeEnvironment();
        var (result, ollama, server) = await ChatAsync(env, "chat -p \"What is 40 + 2?\" --confirm-tools", stdin: answer, interactive: true);
        await using (server)
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("call add {\"a\":40,\"b\":2} on mem? [y/N] ", result.StdErr, StringComparison.Ordinal);
            Assert.Equal(calls, server.Calls.GetValueOrDefault("add"));
            Assert.Equal(toolResult, (string?)ollama.Chats[1]["messages"]!.AsArray().Last()!["content"]);
        }
    }

    [Fact]
    public async Task ListTools_Text_EveryServer_AFailingOneIsOneLineWithItsLastStderr()
    {
        using var env = new FakeEnvironment();
        await using var server = new InMemoryMcpServer();
        env.WriteConfig(ListConfig);

        var result = await AgonRunner.RunArgsAsync(env, ["list", "tools"], null, TestContext.Current.CancellationToken, mcpTransports: s => s.Name == "mem" ? server.ClientTransport() : null);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^mem  stdio  unused  started in \d+ ms, 5 tools$", lines[0]);
        Assert.Contains("  add  Adds two numbers", lines);
        Assert.Contains("    input: {\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}", lines);
        var broken = Assert.Single(lines, l => l.StartsWith("broken  ", StringComparison.Ordinal));
        Assert.Contains("did not start: ", broken, StringComparison.Ordinal);
        Assert.Contains("fatal: no API key", broken, StringComparison.Ordinal);
        Assert.Equal("off  stdio  x  disabled", Assert.Single(lines, l => l.StartsWith("off  ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListTools_Text_SchemaReadsAsWritten_NotAsTheServersEscapes()
    {
        using var env = new FakeEnvironment();
        await using var server = new InMemoryMcpServer(new ScriptedFunction("quote", "Quotes someone",
            """{"type":"object","properties":{"who":{"type":"string","description":"the speaker's name, <first> and last (Zoë)"}}}""",
            (_, _) => ValueTask.FromResult<object?>("ok")));
        env.WriteConfig("""{"mcpServers": {"mem": {"command": "unused"}}}""");

        var result = await AgonRunner.RunArgsAsync(env, ["list", "tools"], null, TestContext.Current.CancellationToken, mcpTransports: s => s.Name == "mem" ? server.ClientTransport() : null);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    input: {\"type\":\"object\",\"properties\":{\"who\":{\"type\":\"string\",\"description\":\"the speaker's name, <first> and last (Zoë)\"}}}",
            result.StdOut.Split('\n'));
        Assert.DoesNotContain("\\u00", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTools_Json_ServersWithToolsAndSchemas()
    {
        using var env = new FakeEnvironment();
        await using var server = new InMemoryMcpServer();
        env.WriteConfig(ListConfig);

        var result = await AgonRunner.RunArgsAsync(env, ["list", "tools", "--json"], null, TestContext.Current.CancellationToken, mcpTransports: s => s.Name == "mem" ? server.ClientTransport() : null);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Schemas.AssertValid("list-tools", result.StdOut);
        var servers = JsonNode.Parse(result.StdOut)!.AsArray();
        var mem = servers.Single(s => (string?)s!["server"] == "mem")!;
        Assert.True((bool)mem["started"]!);
        Assert.Null((string?)mem["error"]);
        var add = mem["tools"]!.AsArray().Single(t => (string?)t!["name"] == "add")!;
        Assert.Equal(("Adds two numbers", true), ((string?)add["description"], (bool)add["offered"]!));
        Assert.Equal("number", (string?)add["inputSchema"]!["properties"]!["a"]!["type"]);
        Assert.False((bool)mem["tools"]!.AsArray().Single(t => (string?)t!["name"] == "hang")!["offered"]!);
        var broken = servers.Single(s => (string?)s!["server"] == "broken")!;
        Assert.False((bool)broken["started"]!);
        Assert.Contains("fatal: no API key", (string?)broken["error"], StringComparison.Ordinal);
        Assert.Empty(broken["tools"]!.AsArray());
        Assert.True((bool)servers.Single(s => (string?)s!["server"] == "off")!["disabled"]!);
    }

    [Fact]
    public async Task Accuracy_ToolCallAssertions_ThroughTheToolLoop_RateInTheSummaryAndTheStore()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("tools.json", """
            {"tests": [
              {"id": "add", "prompt": "What is 40 + 2?", "assert": [
                {"type": "tool-call", "value": "add", "schema": {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "number"}, "b": {"type": "number"}}}},
                {"type": "contains", "value": "42"}]},
              {"id": "echo", "prompt": "Say hi through echo", "assert": [{"type": "tool-call", "value": "echo"}]}
            ]}
            """);
        var db = Path.Combine(env.Root, "agon.db");
        var (result, ollama, server) = await ChatAsync(env, $"accuracy tools.json -t box/qwen3:0.6b --json --db {db}");
        await using (server)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(3, ollama.Chats.Count); // add: the call, then the answer; echo: an answer without a call
            var lines = File.ReadAllLines(Path.Combine(env.CurrentDirectory, "accuracy", "results", "qwen3_0.6b.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal([true, false], lines.Select(l => (bool)l["toolCallOk"]!));
            Assert.Equal("add", (string?)lines[0]["toolCalls"]![0]);
            Assert.Equal(1.0, (double)lines[0]["assertions"]![0]!["measured"]!);
            var summary = JsonNode.Parse(result.StdOut)!["results"]![0]!;
            Assert.Equal((0.5, 0.5), ((double)summary["toolCallSuccess"]!, (double)summary["passAt1"]!));

            var report = await AgonRunner.RunAsync(env, $"analyze metrics --db {db} --json");
            Assert.Equal(0.5, (double)JsonNode.Parse(report.StdOut)!["targets"]![0]!["toolCallSuccess"]!);
        }
    }

    private const string ListConfig = """
        {"mcpServers": {
           "mem": {"command": "unused", "excludeTools": ["hang"]},
           "broken": {"command": "/bin/sh", "args": ["-c", "echo starting >&2; echo 'fatal: no API key' >&2; exit 3"]},
           "off": {"command": "x", "disabled": true}}}
        """;

    /// <summary>
    /// Ollama as written from ollama-api.md (not recorded): /api/show says the model takes tools; the first /api/chat
    /// answers a whole call of add(40, 2), the next one text; streamed as NDJSON or whole, as the request asks.
    /// </summary>
    private sealed class WrittenOllama : HttpMessageHandler
    {
        public List<JsonNode> Chats { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            string answer;
            if (path == "/api/chat")
            {
                var json = JsonNode.Parse(body!)!;
                int index;
                lock (Chats)
                {
                    Chats.Add(json);
                    index = Chats.Count - 1;
                }

                var stream = (bool?)json["stream"] ?? true;
                const string head = "{\"model\":\"qwen3:0.6b\",\"created_at\":\"2026-12-01T21:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":";
                const string tail = ",\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1000000,\"eval_count\":6,\"eval_duration\":500000}";
                answer = index == 0
                    ? head + "\"\",\"tool_calls\":[{\"function\":{\"index\":0,\"name\":\"add\",\"arguments\":{\"a\":40,\"b\":2}}}]}" + tail
                    : stream
                        ? head + "\"It is \"},\"done\":false}\n" + head + "\"42.\"}" + tail
                        : head + "\"It is 42.\"}" + tail;
                answer += "\n";
            }
            else
            {
                answer = path switch
                {
                    "/api/show" => """{"capabilities":["completion","tools"],"details":{"family":"qwen3"},"model_info":{}}""",
                    "/api/tags" => """{"models":[{"name":"qwen3:0.6b","model":"qwen3:0.6b","size":1,"details":{"family":"qwen3"}}]}""",
                    "/api/ps" => """{"models":[]}""",
                    "/api/version" => """{"version":"0.12.0"}""",
                    _ => "{}",
                };
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
