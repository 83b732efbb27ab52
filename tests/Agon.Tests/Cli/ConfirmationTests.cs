using Agon.Cli;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Cli;

/// <summary>The <c>[y/N]</c> confirmation of delete and sync: Ctrl+C there cancels at once.</summary>
public sealed class ConfirmationTests
{
    [Fact]
    public async Task CtrlC_AtTheConfirmation_Exit130_NothingChanged()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig(MixedFleet.Config);
        var fleet = new MixedFleet();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var keyboard = new SilentKeyboard();
        var console = new AgonConsole(stdout, stderr, ConsoleCapabilities.Plain with { InteractiveInput = true }, keyboard);
        var app = new AgonApp(new AgonServices(console, env, new FakeTimeProvider(), fleet.Handler));
        using var ctrlC = new CancellationTokenSource();

        var run = app.RunAsync(["delete", "models"], ctrlC.Token);
        await keyboard.Reading.WaitAsync(TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        var exitCode = await run.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(130, exitCode);
        Assert.EndsWith("Carry out this plan? [y/N] \ncancelled\n", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fleet.Ollama.Requests, r => r.Method == "DELETE");
        Assert.Contains("nomic-embed-text:latest", stdout.ToString());
    }
}
