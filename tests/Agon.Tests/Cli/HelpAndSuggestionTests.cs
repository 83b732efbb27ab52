namespace Agon.Tests.Cli;

/// <summary>Help for bare and incomplete commands, and "did you mean" for mistyped commands and options.</summary>
public sealed class HelpAndSuggestionTests
{
    [Theory]
    [InlineData("")]
    [InlineData("help")]
    public async Task BareAgonOrHelp_RootHelpOnStdout_Exit0(string args)
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StdOut);
        Assert.Matches(@"(?m)^\s+chat\s", result.StdOut);
        Assert.Matches(@"(?m)^\s+list\s", result.StdOut);
        Assert.Empty(result.StdErr);
    }

    [Theory]
    [InlineData("help chat", " chat [options]", "--prompt")]
    [InlineData("help list models", " list models [options]", "--host")]
    [InlineData("help list", " list [command] [options]", "modelparameters")]
    public async Task HelpCommand_ThatCommandsHelp_Exit0(string args, string usage, string mentions)
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(usage, result.StdOut);
        Assert.Contains(mentions, result.StdOut);
    }

    [Theory]
    [InlineData("list", "agon list needs a command: hosts, models, running, modelparameters, tools, commands")]
    [InlineData("show", "agon show needs a command: config, modelinfo")]
    public async Task IncompleteCommand_HelpThenWhatItNeeds_Exit2(string args, string expected)
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        // The usage line names the executable: agon when published, the test host here.
        Assert.Contains($" {args} [command] [options]", result.StdErr);
        Assert.EndsWith($"error: {expected}", result.StdErr.TrimEnd());
    }

    [Theory]
    [InlineData("lsit models", "error: unknown command 'lsit' for 'agon' (did you mean 'list'?)", "agon --help")]
    [InlineData("list modles", "error: unknown command 'modles' for 'agon list' (did you mean 'models'?)", "agon list --help")]
    [InlineData("list models --hots gpu", "error: unknown option '--hots' for 'agon list models' (did you mean '--host'?)", "agon list models --help")]
    [InlineData("show config --tiemout 5", "error: unknown option '--tiemout' for 'agon show config' (did you mean '--timeout'?)", "agon show config --help")]
    [InlineData("chat --jsonmod -p hi", "error: unknown option '--jsonmod' for 'agon chat' (did you mean '--jsonMode'?)", "agon chat --help")]
    [InlineData("help lsit", "error: unknown command 'lsit' for 'agon' (did you mean 'list'?)", "agon --help")]
    [InlineData("frobnicate", "error: unknown command 'frobnicate' for 'agon'", "agon --help")]
    public async Task Mistyped_SuggestsTheNearest_Exit2(string args, string expected, string help)
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Equal([expected, $"Run '{help}' for usage."], result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
