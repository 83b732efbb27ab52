using System.Text.Json.Nodes;
using Agon.Cli;
using Agon.Configuration;

namespace Agon.Tests.Conversations;

/// <summary>Saved conversations from the command line: saving, history list/show/delete, --continue on the wire, forks, Ctrl+C.</summary>
public sealed class HistoryCommandTests
{
    private const string Config = """
        {"hosts": [
          {"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"], "systemprompt": "You tell stories."},
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}
        ]}
        """;

    private const string Answer = "\"Here,\" Annack. \"I'm going to the park and make a bug!\" said his friend, a";

    private static ReplayHandler Router(int chats) =>
        new ReplayHandler([.. Enumerable.Repeat(RecordedExchange.Load("router-basic/12-chat-stream-usage"), chats)])
            .Always("router-basic/02-props").Always("router-basic/08-models-loaded");

    private static Task<CliResult> RunAsync(FakeEnvironment env, string args, HttpMessageHandler? router = null, HttpMessageHandler? box = null)
    {
        env.WriteConfig(Config);
        return AgonRunner.RunAsync(env, args, (HostConfig h) => (h.Name == "router" ? router : box) ?? new ReplayHandler());
    }

    [Fact]
    public async Task Continue_SendsTheWholeHistoryInOrder_AndAppendsToTheSameConversation()
    {
        using var env = new FakeEnvironment();
        var router = Router(3);

        Assert.Equal(0, (await RunAsync(env, "chat -p \"first\"", router)).ExitCode);
        Assert.Equal(0, (await RunAsync(env, "chat --continue -p \"second\"", router)).ExitCode);
        var third = await RunAsync(env, "chat --continue 1 -p \"third\"", router);

        Assert.Equal(0, third.ExitCode);
        var sent = router.Requests.Where(r => r.Path == "/v1/chat/completions").Select(r => r.Json!["messages"]!.AsArray()).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(
            ["system:You tell stories.", "user:first", $"assistant:{Answer}", "user:second", $"assistant:{Answer}", "user:third"],
            sent[2].Select(m => $"{(string?)m!["role"]}:{(string?)m["content"]}"));
        var list = await RunAsync(env, "history --json");
        var conversation = Assert.Single(JsonNode.Parse(list.StdOut)!.AsArray());
        Assert.Equal((1, 3, "first", "single"), ((int)conversation!["id"]!, (int)conversation["turns"]!, (string?)conversation["firstPrompt"], (string?)conversation["mode"]));
    }

    [Fact]
    public async Task ContinueWithAnotherTarget_ForksOntoThatModel_NamingItsParent()
    {
        using var env = new FakeEnvironment();
        var router = Router(1);
        var box = new ReplayHandler(RecordedExchange.Load("ollama/chat"));
        await RunAsync(env, "chat -p \"first\"", router);

        var fork = await RunAsync(env, "chat --continue 1 -t box/llama3.2 --no-stream -p \"again\"", router, box);

        Assert.Equal(0, fork.ExitCode);
        var messages = box.Requests.Single(r => r.Path == "/api/chat").Json!["messages"]!.AsArray();
        Assert.Equal(["user:first", $"assistant:{Answer}", "user:again"], messages.Select(m => $"{(string?)m!["role"]}:{(string?)m["content"]}"));
        var shown = JsonNode.Parse((await RunAsync(env, "history show 2 --json")).StdOut)!;
        Assert.Equal(1, (int)shown["parent"]!);
        Assert.Equal(["box/llama3.2"], shown["targets"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(["first", Answer, "again"], shown["messages"]!.AsArray().Take(3).Select(m => (string?)m!["text"]));
        Assert.Equal(2, (int)JsonNode.Parse((await RunAsync(env, "history show 1 --json")).StdOut)!["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task CtrlC_KeepsThePromptAndThePartialAnswer_MarkedCancelled()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var management = new ReplayHandler().Always("router-basic/02-props").Always("router-basic/08-models-loaded");
        var stall = new StallingHandler("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Once upon a\"}}]}\n\n", "text/event-stream");
        var router = new PathRoutingHandler(management, new() { ["/v1/chat/completions"] = stall });
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = AgonRunner.RunArgsAsync(env, ["chat", "-p", "Tell me a story", "-t", "router/stories260K"], (HostConfig _) => router, ctrlC.Token);
        await stall.Stalled.WaitAsync(TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        Assert.Equal(130, (await run).ExitCode);

        var shown = JsonNode.Parse((await RunAsync(env, "history show 1 --json")).StdOut)!["messages"]!.AsArray();
        Assert.Equal(["Tell me a story", "Once upon a"], shown.Select(m => (string?)m!["text"]));
        Assert.True((bool)shown[1]!["cancelled"]!);
        Assert.Equal("router/stories260K", (string?)shown[1]!["target"]);
    }

    [Fact]
    public async Task NoSave_AndTheHistorySetting_KeepNothing()
    {
        using var env = new FakeEnvironment();
        await RunAsync(env, "chat -p \"first\" --no-save", Router(1));
        Assert.Equal("[]", (await RunAsync(env, "history --json")).StdOut.Trim());

        env.Set("AGON_HISTORY", "false");
        await RunAsync(env, "chat -p \"first\"", Router(1));
        Assert.Equal("[]", (await RunAsync(env, "history --json")).StdOut.Trim());
    }

    [Fact]
    public async Task ShowAsTextAndMarkdown_ThenDelete()
    {
        using var env = new FakeEnvironment();
        await RunAsync(env, "chat -p \"first\"", Router(1));

        var text = await RunAsync(env, "history show 1");
        var markdown = await RunAsync(env, "history show 1 --markdown");
        var list = await RunAsync(env, "history");
        var refused = await RunAsync(env, "history delete 1");
        var deleted = await RunAsync(env, "history delete 1 --yes");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("conversation 1 · single · router/stories260K · 2026-11-25 12:00 UTC\n\nyou:\nfirst\n\nrouter/stories260K:\n" + Answer + "\nttft", text.StdOut);
        Assert.Contains("## You\n\nfirst\n\n## router/stories260K\n\n*system prompt: You tell stories.*\n\n" + Answer + "\n", markdown.StdOut);
        Assert.Matches(@"^ID +WHEN \(UTC\) +MODE +TARGETS +TURNS +FIRST PROMPT\n1 +2026-11-25 12:00 +single +router/stories260K +1 +first\n$", list.StdOut);
        Assert.Equal((2, "error: not deleted: re-run with --yes to delete conversation 1\n"), (refused.ExitCode, refused.StdErr));
        Assert.Equal((0, "deleted 1 conversation\n"), (deleted.ExitCode, deleted.StdErr));
        Assert.Equal("[]", (await RunAsync(env, "history --json")).StdOut.Trim());
    }

    [Theory]
    [InlineData("history show 7", "error: no conversation 7 in {db} (agon history lists them)\n")]
    [InlineData("history show x", "error: x: expected a conversation id, a number (agon history lists them)\n")]
    [InlineData("history delete 7 --yes", "error: no conversation 7 in {db} (agon history lists them); nothing deleted\n")]
    [InlineData("chat --continue -p hi", "error: --continue: no saved conversation in {db} yet; chat without --continue to start one\n")]
    [InlineData("chat --continue 7 -p hi", "error: --continue 7: no conversation 7 in {db} (agon history lists them)\n")]
    [InlineData("chat --continue abc -p hi", "error: --continue abc: expected a conversation id, a number (agon history lists them)\n")]
    [InlineData("chat -i", "error: " + ChatCommand.NeedsTerminal + "\n")]
    [InlineData("chat", "error: " + ChatCommand.NeedsTerminal + "\n")]
    public async Task BadInput_OneLine_Exit2(string args, string expected)
    {
        using var env = new FakeEnvironment();
        var db = Path.Combine(env.Root, "data", "agon.db");

        var result = await RunAsync(env, args + " --db " + db);

        Assert.Equal((2, expected.Replace("{db}", db, StringComparison.Ordinal)), (result.ExitCode, result.StdErr));
    }

    [Fact]
    public async Task EachAnswer_KeepsTheSystemPromptAndParametersItWasAskedWith()
    {
        using var env = new FakeEnvironment();
        var router = Router(2);
        await RunAsync(env, "chat -p \"first\" --param temperature=0.3", router);
        await RunAsync(env, "chat --continue -p \"second\" --system \"Be brief.\"", router);

        var messages = JsonNode.Parse((await RunAsync(env, "history show 1 --json")).StdOut)!["messages"]!.AsArray();

        // The host's saved system prompt, then the one given on the command line; the parameters actually sent.
        Assert.Equal(["You tell stories.", "Be brief."], messages.Where(m => (string?)m!["role"] == "assistant").Select(m => (string?)m!["system"]));
        Assert.Equal(0.3, (double)messages[1]!["parameters"]!["temperature"]!);
        Assert.Null(messages[3]!["parameters"]!["temperature"]);
        var markdown = (await RunAsync(env, "history show 1 --markdown")).StdOut;
        Assert.Contains("*system prompt: You tell stories.*", markdown, StringComparison.Ordinal);
    }
}
