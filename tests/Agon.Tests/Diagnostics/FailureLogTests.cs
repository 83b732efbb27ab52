namespace Agon.Tests.Diagnostics;

/// <summary>Every unexpected failure a user sees on the terminal is recorded in the log with its details.</summary>
public sealed class FailureLogTests
{
    [Theory]
    [InlineData("list models", "error: host box: unexpected failure: garbled", "ERROR host box: System.IO.InvalidDataException: garbled")]
    [InlineData("pull models llama3.2 --host box", "error: llama3.2 on host box: unexpected failure: garbled", "ERROR llama3.2 on host box: System.IO.InvalidDataException: garbled")]
    [InlineData("chat -p hi -t box/llama3.2 --no-stream", "box/llama3.2: unexpected failure: garbled", "ERROR box/llama3.2: System.IO.InvalidDataException: garbled")]
    public async Task UnexpectedFailure_ShownOnStderr_RecordedWithDetails(string command, string shown, string recorded)
    {
        using var env = new FakeEnvironment();
        var logFile = Path.Combine(env.Root, "agon.log");
        var fleet = new MixedFleet();
        fleet.Overrides["box"] = new ThrowingHandler(new InvalidDataException("garbled"));

        var result = await fleet.RunAsync(env, $"{command} --log-file {logFile}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(shown, result.StdErr);
        var log = await File.ReadAllTextAsync(logFile, TestContext.Current.CancellationToken);
        var entry = log[log.IndexOf(recorded, StringComparison.Ordinal)..];
        Assert.Contains("   at ", entry);
    }
}
