namespace Agon.Tests.Models;

/// <summary>
/// A single-model server started with an absolute <c>-m</c> path (single-80fb11a, recorded from llama.cpp build
/// b1-80fb11a) names its model by that path; Agon's answers to a wrong name suggest the file name, not <c>s//path</c>.
/// </summary>
public sealed class SingleServerPathNameTests
{
    private const string Config = """
        {"hosts": [{"name": "s", "type": "llama.cpp", "url": "http://10.0.0.2:8080"}]}
        """;

    private static ReplayHandler Server(params RecordedExchange[] script) =>
        new ReplayHandler(script).Always("single-80fb11a/01-props").Always("single-80fb11a/02-models").Always("single-80fb11a/03-v1-models");

    [Fact]
    public async Task Chat_OtherName_SuggestsTheFileName_Exit1_BeforeSending()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var server = Server();

        var result = await AgonRunner.RunAsync(env, "chat -p hi --target s/zzz", _ => server);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: host s serves only /work/shared/models/stories260K.gguf; use s/stories260K", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
        Assert.DoesNotContain(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task ShowModelInfo_OtherName_SuggestsTheFileName_Exit1()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);

        var result = await AgonRunner.RunAsync(env, "show modelinfo s/zzz", _ => Server());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: host s serves only /work/shared/models/stories260K.gguf; use s/stories260K", result.StdErr.Trim());
    }

    [Fact]
    public async Task Chat_TheSuggestedName_Answers()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var server = Server(RecordedExchange.Load("single-80fb11a/04-chat-other-name"));

        var result = await AgonRunner.RunAsync(env, "chat -p hi --target s/stories260K --no-stream", _ => server);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("\"Here?\" A", result.StdOut);
    }

    [Fact]
    public async Task ShowModelInfo_ServerSettings_BooleansAsTheServerWroteThem()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);

        var result = await AgonRunner.RunAsync(env, "show modelinfo s/stories260K", _ => Server());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("    ignore_eos = false\n", result.StdOut.ReplaceLineEndings("\n"));
        Assert.Contains("    top_k = 40\n", result.StdOut.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("False", result.StdOut);
    }
}
