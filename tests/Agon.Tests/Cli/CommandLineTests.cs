using System.Text.Json;
using Agon.Cli;
using Agon.Configuration;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Cli;

/// <summary>The command tree, usage errors and exit codes, run as a user types them.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Version_PrintsVersion_Exit0()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StdOut.Trim());
    }

    [Fact]
    public async Task Help_ShowsWholeProduct()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "chat", "list", "load", "unload", "pull", "delete", "sync", "show" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s", result.StdOut);
        }

        Assert.Contains("--json-mode, --jsonMode", result.StdOut);
    }

    [Fact]
    public async Task ListCommands_EveryLeafCommand()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "list commands --json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.StdOut);
        var commands = document.RootElement.EnumerateArray().Select(e => e.GetProperty("command").GetString()).ToList();
        Assert.Equal(
            ["agon chat", "agon history", "agon history show", "agon history delete", "agon list hosts", "agon list models", "agon list running", "agon list modelparameters", "agon list tools", "agon list commands",
             "agon load models", "agon unload models", "agon pull models", "agon delete models", "agon sync models",
             "agon show config", "agon show modelinfo", "agon benchmark", "agon accuracy", "agon analyze metrics", "agon rag index", "agon rag preview", "agon embed", "agon import metrics"],
            commands);
    }

    [Fact]
    public async Task ListCommands_WorksWithBrokenConfig()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("{ broken");

        var result = await AgonRunner.RunAsync(env, "list commands");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("agon show config", result.StdOut);
    }

    [Theory]
    [InlineData("frobnicate", "unknown command 'frobnicate' for 'agon'")]
    [InlineData("show config --bogus", "unknown option '--bogus' for 'agon show config'")]
    [InlineData("show config --timeout soon", "--timeout: expected a whole number of seconds, got 'soon'")]
    [InlineData("show config --mcp-init-timeout -1", "--mcp-init-timeout must be 0 or more")]
    public async Task UsageError_Exit2_OneMessageAndHint(string args, string expected)
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Contains("--help' for usage.", result.StdErr);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Chat_NoConfigNoModel_SaysWhereToPutAGguf_Exit1()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "chat -p hi");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: no model to chat with: run agon pull models local/unsloth/gemma-3-270m-it-GGUF:Q4_K_M (about 250 MB; agon chat --pull pulls it and chats), "
            + $"or put a GGUF file in {Path.Combine(env.CurrentDirectory, "models")} or ~/.cache/huggingface/hub (or pass --models-dir DIR), or configure a llama.cpp or Ollama host", line);
    }

    [Fact]
    public async Task ListModels_NoConfigNoModel_NoteOnStderr_Exit0()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, "list models");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Equal(
            $"host local has no models: put a GGUF file in {Path.Combine(env.CurrentDirectory, "models")} or ~/.cache/huggingface/hub (or pass --models-dir DIR), "
            + "or pull one: agon pull models local/unsloth/gemma-3-270m-it-GGUF:Q4_K_M (about 250 MB)",
            result.StdErr.Trim());
    }

    [Fact]
    public async Task CtrlC_DuringLongOperation_Exit130_NoStackTrace()
    {
        using var env = new FakeEnvironment();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new AgonServices(new AgonConsole(stdout, stderr, ConsoleCapabilities.Plain), env, new FakeTimeProvider());
        var app = new AgonApp(services);
        var server = new BlockingHandler();
        using var context = new CommandContext(services with { PrimaryHandler = _ => server }, app.Root.Parse("show config"), new GlobalOptions());
        var host = new HostConfig { Name = "slow", Type = HostType.LlamaCpp, Url = new Uri("http://127.0.0.1:1/"), Timeout = TimeSpan.FromHours(1) };
        using var ctrlC = new CancellationTokenSource();

        var run = CommandExecution.RunAsync(context, async ct =>
        {
            using var client = context.HttpClients.Create(host);
            using var response = await client.GetAsync("models", ct);
            return 0;
        }, ctrlC.Token);
        await server.Received.WaitAsync(TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        var exitCode = await run.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(130, exitCode);
        Assert.Equal("cancelled", stderr.ToString().Trim());
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task UnexpectedException_OneLine_DetailsInLogFile()
    {
        using var env = new FakeEnvironment();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new AgonServices(new AgonConsole(stdout, stderr, ConsoleCapabilities.Plain), env, new FakeTimeProvider());
        var app = new AgonApp(services);
        var logFile = Path.Combine(env.Root, "agon.log");
        env.WriteConfig($$"""{"logFile": "{{logFile}}"}""");
        using var context = new CommandContext(services, app.Root.Parse("show config"), new GlobalOptions());
        _ = context.Config;

        var exitCode = await CommandExecution.RunAsync(context, _ => throw new InvalidOperationException("boom\nsecond line"), TestContext.Current.CancellationToken);
        context.Dispose();

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: unexpected failure: boom second line (details in {logFile})", stderr.ToString().Trim());
        var log = await File.ReadAllTextAsync(logFile, TestContext.Current.CancellationToken);
        Assert.Contains("System.InvalidOperationException: boom", log);
        Assert.Contains("CommandLineTests", log);
    }
}
