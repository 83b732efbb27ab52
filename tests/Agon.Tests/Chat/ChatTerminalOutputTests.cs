using Agon.Configuration;

namespace Agon.Tests.Chat;

/// <summary>What a chat leaves on stdout and stderr: Ctrl+C after streamed text, model text piped into a file.</summary>
public sealed class ChatTerminalOutputTests
{
    private const string Config = """{"hosts": [{"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"]}, {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}]}""";

    [Fact]
    public async Task CtrlC_AfterStreamedText_CancelledOnALineOfItsOwn_Exit130()
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
        var result = await run;

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("Once upon a\n", result.StdOut);
        Assert.Equal("cancelled\n", result.StdErr);
    }

    [Fact]
    public async Task ModelText_IntoAPipe_WrittenAsItCame()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(Config);
        var recorded = RecordedExchange.Load("ollama/chat");
        var box = new ReplayHandler(recorded.WithBody(recorded.ResponseBody.Replace("The sky is blue", "The sky is \\u001b[34mblue\\u001b[0m", StringComparison.Ordinal)));

        var result = await AgonRunner.RunAsync(env, "chat -p hi -t box/llama3.2 --no-stream", (HostConfig _) => box);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("The sky is \u001b[34mblue\u001b[0m because of Rayleigh scattering.\n", result.StdOut);
    }
}
