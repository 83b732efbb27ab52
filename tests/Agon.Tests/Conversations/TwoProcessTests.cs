using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Agon.Conversations;
using Agon.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Conversations;

/// <summary>
/// Two real <c>agon</c> processes (the executable built beside the tests) writing one conversation database at once,
/// each chatting with an Ollama on 127.0.0.1 written here (not recorded): every conversation and every turn is kept,
/// also when both continue the same conversation.
/// </summary>
public sealed class TwoProcessTests
{
    private const int RunsPerProcess = 4;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Answers <c>POST /api/chat</c> (not streamed) with "echo: " and the last user message; one connection per request.</summary>
    private sealed class LoopbackOllama : LoopbackTcpServer
    {
        public LoopbackOllama() => Start();

        protected override async Task ServeAsync(TcpClient client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, Stopping) == 1)
            {
                head.Append((char)buffer[0]);
            }

            var length = head.ToString().Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, Stopping);
            var answer = "{}";
            if (head.ToString().StartsWith("POST /api/chat ", StringComparison.Ordinal))
            {
                var prompt = (string?)JsonNode.Parse(body)!["messages"]!.AsArray().Last()!["content"];
                answer = new JsonObject
                {
                    ["model"] = "m",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "echo: " + prompt },
                    ["done"] = true,
                    ["done_reason"] = "stop",
                }.ToJsonString();
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(response, Stopping);
            await stream.WriteAsync(bytes, Stopping);
        }
    }

    private static async Task<(int ExitCode, string StdErr)> AgonAsync(FakeEnvironment env, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "agon.exe" : "agon"))
        {
            WorkingDirectory = env.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = env.Root;
        info.Environment["NO_COLOR"] = "1";
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AGON_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    [Fact]
    public async Task TwoProcesses_SameDatabase_EveryConversationAndTurnKept_AlsoContinuingTheSameOne()
    {
        using var env = new FakeEnvironment();
        using var ollama = new LoopbackOllama();
        var config = Path.Combine(env.Root, "config.json");
        await File.WriteAllTextAsync(config, $$"""{"hosts": [{"name": "box", "type": "ollama", "url": "http://127.0.0.1:{{ollama.Port}}", "models": ["m"]}]}""", Token);
        var db = Path.Combine(env.Root, "agon.db");
        string[] Chat(string prompt, params string[] more) => ["--config", config, "chat", "-t", "box/m", "--no-stream", "--db", db, "-p", prompt, .. more];

        var first = await AgonAsync(env, Chat("start"));
        Assert.True(first.ExitCode == 0, first.StdErr);

        // Each process: its own new conversations, then one more turn of the shared first one, turn about.
        var writers = new[] { "a", "b" }.Select(name => Task.Run(async () =>
        {
            for (var i = 0; i < RunsPerProcess; i++)
            {
                foreach (var args in new[] { Chat($"{name} new {i}"), Chat($"{name} more {i}", "--continue", "1") })
                {
                    var run = await AgonAsync(env, args);
                    Assert.True(run.ExitCode == 0, run.StdErr);
                }
            }
        }, Token)).ToList();
        await Task.WhenAll(writers);

        using var check = AgonDatabase.Open(db);
        var store = new ConversationStore(check, new FakeTimeProvider(AgonRunner.Now));
        var all = store.List();
        Assert.Equal(1 + (2 * RunsPerProcess), all.Count);
        var shared = store.Load(1)!;
        Assert.Equal(2 * (1 + (2 * RunsPerProcess)), shared.Turns.Count);
        foreach (var name in new[] { "a", "b" })
        {
            var prompts = shared.Turns.Where(t => t.Role == ConversationRole.User && t.Text.StartsWith(name + " more", StringComparison.Ordinal)).Select(t => t.Text);
            Assert.Equal(Enumerable.Range(0, RunsPerProcess).Select(i => $"{name} more {i}"), prompts);
            for (var i = 0; i < RunsPerProcess; i++)
            {
                var own = all.Where(c => c.Id != 1).Select(c => store.Load(c.Id)!).Single(c => c.Turns[0].Text == $"{name} new {i}");
                Assert.Equal(["user", "assistant"], own.Turns.Select(t => t.Role.ToString().ToLowerInvariant()));
                Assert.Equal($"echo: {name} new {i}", own.Turns[1].Text);
            }
        }

        Assert.All(shared.Turns.Where(t => t.Role == ConversationRole.Assistant), t => Assert.StartsWith("echo: ", t.Text, StringComparison.Ordinal));
    }
}
