using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Agon.Configuration;
using Agon.Storage;

namespace Agon.Tests.Accuracy;

/// <summary>
/// <c>agon accuracy</c> against a fake Ollama written here (not recorded): each prompt has a scripted answer, so the
/// scores are exact; a prompt scripted as "!500" fails with a server error, "!404" is refused.
/// </summary>
public sealed class AccuracyCommandTests
{
    private const string OneOllama = """{"hosts": [{"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"], "systemprompt": "host prompt"}]}""";

    /// <summary>agon's prompt file shape (written from agon-inventory §3.9, not copied from agon).</summary>
    private const string AgonSuite = """
        {"system_prompt": "Answer with a single integer.",
         "tests": [
          {"id": 1, "prompt": "What is the atomic number of Helium?", "expected_answer": 2, "category": "Basic Retrieval", "difficulty": 2, "marginOfError": 0},
          {"id": 2, "prompt": "What is 10 minus 15?", "expected_answer": -5, "category": "Arithmetic", "difficulty": 1, "marginOfError": 0},
          {"id": 3, "prompt": "Radius of Jupiter in km?", "expected_answer": 69911, "category": "Basic Retrieval", "difficulty": 4, "marginOfError": 100},
          {"id": 4, "prompt": "How many r in strawberry?", "expected_answer": 3, "category": "Token", "difficulty": 3, "marginOfError": 0}
         ]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class Ollama(Dictionary<string, string> answers)
    {
        public List<JsonNode> Chats { get; } = [];

        public HttpMessageHandler Handler => new DelegateHandler(async (request, ct) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(ct));
            if (path != "/api/chat")
            {
                return Json(HttpStatusCode.OK, path == "/api/version" ? """{"version":"0.9.0"}""" : """{"models":[]}""");
            }

            lock (Chats)
            {
                Chats.Add(body!);
            }

            var prompt = (string)body!["messages"]!.AsArray().Last()!["content"]!;
            var answer = answers[prompt];
            if (answer.StartsWith('!'))
            {
                return Json((HttpStatusCode)int.Parse(answer[1..], System.Globalization.CultureInfo.InvariantCulture), """{"error":"scripted failure"}""");
            }

            return Json(HttpStatusCode.OK, new JsonObject
            {
                ["model"] = "llama3.2",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
                ["done"] = true,
                ["done_reason"] = "stop",
                ["total_duration"] = 1_000_000_000,
                ["prompt_eval_count"] = 10,
                ["prompt_eval_duration"] = 25_000_000,
                ["eval_count"] = 4,
                ["eval_duration"] = 100_000_000,
            }.ToJsonString());
        });

        private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    private static async Task<CliResult> RunAsync(FakeEnvironment env, string args, Ollama ollama)
    {
        env.WriteConfig(OneOllama);
        return await AgonRunner.RunArgsAsync(env, AgonRunner.Split(args), (HostConfig _) => ollama.Handler, Token);
    }

    private static List<JsonNode> Lines(FakeEnvironment env, string model = "llama3.2")
    {
        var lines = File.ReadAllLines(Path.Combine(env.CurrentDirectory, "accuracy", "results", model + ".jsonl"));
        foreach (var line in lines)
        {
            Schemas.AssertValid("accuracy-record", line);
        }

        return [.. lines.Select(l => JsonNode.Parse(l)!)];
    }

    [Fact]
    public async Task AgonSuite_ScoredHonestly_SystemPromptReplaced_NonStreaming_AgonFieldNames()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("accuracy/accuracy_prompts.json", AgonSuite);
        var ollama = new Ollama(new()
        {
            ["What is the atomic number of Helium?"] = "<think>maybe 4?</think>It is 2.",
            ["What is 10 minus 15?"] = "-5",                       // agon read 5: wrong there, right here
            ["Radius of Jupiter in km?"] = "About 69,950 km.",     // within 100 with the separator read
            ["How many r in strawberry?"] = "2",
        });

        var result = await RunAsync(env, $"accuracy --target box/llama3.2 --db {Path.Combine(env.Root, "agon.db")}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(ollama.Chats, c =>
        {
            Assert.False((bool)c["stream"]!);
            Assert.Equal("Answer with a single integer.", (string?)c["messages"]![0]!["content"]);
        });
        var lines = Lines(env);
        Assert.Equal([true, true, true, false], lines.Select(l => (bool)l["correct"]!));
        Assert.Equal(-5, (int)lines[1]["expectedAnswer"]!);
        Assert.Equal(1, (int)lines[0]["promptId"]!);
        foreach (var key in new[] { "timestamp", "host", "model", "prompt", "response", "marginOfError", "difficulty", "time_to_first_token", "tokens_per_second", "input_tokens", "output_tokens", "total_duration_ms", "deadlineExceeded", "deadlineTimeout" })
        {
            Assert.True(lines[0][key] is not null, key);
        }

        Assert.Null(lines[0]["rag_mode"]);
        Assert.Equal(40.0, (double)lines[0]["tokens_per_second"]!);
        Assert.True(lines[0]["metrics"]!["generationTokensPerSecond"] is not null, lines[0].ToJsonString());
        Assert.Equal("server", (string?)lines[0]["metrics"]!["generationTokensPerSecond"]!["source"]);
        Assert.Equal(69950.0, (double)lines[2]["assertions"]![0]!["measured"]!);
        Assert.Contains("box/llama3.2", result.StdOut);
        Assert.Contains("75 % (3/4)", result.StdOut);
        Assert.Contains("Basic Retrieval 100 %", result.StdOut);
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var stored = new ResponseStore(db).Read(new ResponseFilter(), Token).ToList();
        Assert.Equal([true, true, true, false], stored.Select(r => r.Correct == true));
        Assert.All(stored, r => Assert.Equal(ResponseKind.Accuracy, r.Kind));
    }

    [Fact]
    public async Task FailedRequests_AreRecordedWithTheirKind_AndTheSuiteGoesOn()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("accuracy/accuracy_prompts.json", AgonSuite);
        var ollama = new Ollama(new()
        {
            ["What is the atomic number of Helium?"] = "!500",
            ["What is 10 minus 15?"] = "!404",
            ["Radius of Jupiter in km?"] = "69911",
            ["How many r in strawberry?"] = "3",
        });

        var result = await RunAsync(env, $"accuracy --target box/llama3.2 --json --db {Path.Combine(env.Root, "agon.db")}", ollama);

        Assert.Equal(1, result.ExitCode);
        var lines = Lines(env);
        Assert.Equal(["server", "refused", null, null], lines.Select(l => (string?)l["errorKind"]));
        Assert.Contains("scripted failure", (string?)lines[0]["error"]);
        Assert.Equal([false, false, true, true], lines.Select(l => (bool)l["correct"]!));
        Schemas.AssertValid("accuracy", result.StdOut);
        var json = JsonNode.Parse(result.StdOut)!["results"]![0]!;
        Assert.Equal((0.5, 2), ((double)json["passAt1"]!, (int)json["failedRequests"]!));
        Assert.Equal((1, 1), ((int)json["errorKinds"]!["server"]!, (int)json["errorKinds"]!["refused"]!));
    }

    [Fact]
    public async Task Assertions_WeightsAndThreshold_ExactScores_JsonValidity()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("suite.json", """
            {"tests": [
              {"id": "capital", "prompt": "Capital of France?", "assert": [
                {"type": "icontains", "value": "paris"}, {"type": "not-contains", "value": "Lyon"}, {"type": "starts-with", "value": "The", "weight": 2}]},
              {"id": "json", "prompt": "Give JSON", "threshold": 0.5, "assert": [
                {"type": "is-json", "value": {"type": "object", "required": ["name"]}}, {"type": "contains-all", "value": ["name", "age"]}]},
              {"id": "fuzzy", "prompt": "Spell it", "assert": [{"type": "levenshtein", "value": "necessary", "threshold": 1}, {"type": "latency", "threshold": 5000}]}
            ]}
            """);
        var ollama = new Ollama(new()
        {
            ["Capital of France?"] = "Paris, not Lyon.",
            ["Give JSON"] = """{"name": "Ada"}""",
            ["Spell it"] = "neccessary",
        });

        var result = await RunAsync(env, $"accuracy suite.json --target box/llama3.2 --json --db {Path.Combine(env.Root, "agon.db")}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(env);

        // capital: icontains (1) passes, not-contains Lyon (1) fails, starts-with The (2) fails: 1/4.
        Assert.Equal((0.25, false), ((double)lines[0]["score"]!, (bool)lines[0]["correct"]!));

        // json: schema passes, contains-all fails: 0.5 ≥ threshold 0.5.
        Assert.Equal((0.5, true, true), ((double)lines[1]["score"]!, (bool)lines[1]["correct"]!, (bool)lines[1]["jsonValid"]!));

        // fuzzy: one edit, 1000 ms (Ollama's total_duration is the server's; the client's total is what latency reads).
        Assert.Equal((1.0, true), ((double)lines[2]["score"]!, (bool)lines[2]["correct"]!));
        Assert.Equal(1.0, (double)lines[2]["assertions"]![0]!["measured"]!);
        Assert.DoesNotContain(ollama.Chats, c => c["messages"]!.AsArray().Any(m => (string?)m!["role"] == "system"));
        Schemas.AssertValid("accuracy", result.StdOut);
        var summary = JsonNode.Parse(result.StdOut)!["results"]![0]!;
        Assert.Equal(1.0, (double)summary["jsonValidity"]!);
        Assert.Equal(0.5833, (double)summary["score"]!);
    }

    [Fact]
    public async Task Runs_SeedPerRun_TemperatureDefault_PassAt1Spread()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("accuracy/accuracy_prompts.json", AgonSuite);
        var ollama = new Ollama(new()
        {
            ["What is the atomic number of Helium?"] = "2",
            ["What is 10 minus 15?"] = "-5",
            ["Radius of Jupiter in km?"] = "1",
            ["How many r in strawberry?"] = "3",
        });

        var result = await RunAsync(env, $"accuracy --target box/llama3.2 --runs 3 --json --db {Path.Combine(env.Root, "agon.db")}", ollama);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(12, ollama.Chats.Count);
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], ollama.Chats.Select(c => (int)c["options"]!["seed"]!));
        Assert.All(ollama.Chats, c => Assert.Equal(0.7, (double)c["options"]!["temperature"]!));
        Schemas.AssertValid("accuracy", result.StdOut);
        var summary = JsonNode.Parse(result.StdOut)!["results"]![0]!;
        Assert.Equal((0.75, 0.75, 0.75, 0.0), ((double)summary["passAt1"]!, (double)summary["passAt1Min"]!, (double)summary["passAt1Max"]!, (double)summary["passAt1StdDev"]!));
        Assert.Contains("temperature 0.7", result.StdErr);
    }

    [Fact]
    public async Task Cancelled_KeepsEveryFinishedRecord_Exit130()
    {
        using var env = new FakeEnvironment();
        env.WriteFile("accuracy/accuracy_prompts.json", AgonSuite);
        env.WriteConfig(OneOllama);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var asked = 0;
        var handler = new DelegateHandler(async (request, ct) =>
        {
            if (++asked == 3)
            {
                await cts.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }

            var body = new JsonObject { ["model"] = "llama3.2", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "2" }, ["done"] = true };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        });

        var result = await AgonRunner.RunArgsAsync(env, AgonRunner.Split($"accuracy --target box/llama3.2 --db {Path.Combine(env.Root, "agon.db")}"), (HostConfig _) => handler, cts.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(["1", "2"], Lines(env).Select(l => l["promptId"]!.ToJsonString()));
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        Assert.Equal(2, new ResponseStore(db).Count());
    }

    [Theory]
    [InlineData("", "accuracy suite 'accuracy/accuracy_prompts.json' does not exist; name a suite (agon accuracy FILE); config/examples/accuracy/accuracy_prompts.json in Agon's repository is one to start from")]
    [InlineData("missing.json", "accuracy suite 'missing.json' does not exist")]
    [InlineData("bad.json", "accuracy suite 'bad.json': test \"1\", assertion 1: unknown assertion type 'similarish' (known: contains, contains-all, contains-any, equals, icontains, icontains-all, icontains-any, integer, is-json, latency, levenshtein, regex, similar, starts-with, tool-call, each also with not-)")]
    [InlineData("nolatency.json", "accuracy suite 'nolatency.json': test \"1\", assertion 1: the assertion 'latency' needs a \"threshold\"")]
    public async Task BadSuite_OneLine_Exit2(string file, string message)
    {
        using var env = new FakeEnvironment();
        env.WriteFile("bad.json", """{"tests": [{"id": 1, "prompt": "p", "assert": [{"type": "similarish", "value": "x"}]}]}""");
        env.WriteFile("nolatency.json", """{"tests": [{"id": 1, "prompt": "p", "assert": [{"type": "latency"}]}]}""");

        var result = await RunAsync(env, $"accuracy {file} --target box/llama3.2", new Ollama([]));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.StdErr.Replace("error: ", "", StringComparison.Ordinal));
    }
}
