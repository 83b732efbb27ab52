namespace Agon.Tests.Published;

/// <summary>
/// The published executable with files it cannot write: a log on a full device or in a folder it may not write to
/// (one warning, the command's own output and exit code, never a crash), and exports to a device or a folder.
/// </summary>
public sealed class PublishedFilesTests
{
    private const string UnreachableHost = """{"hosts": [{"name": "r", "type": "llama.cpp", "url": "http://127.0.0.1:9/"}]}""";

    [Theory]
    [InlineData("/dev/full", "no space left on the device")]
    [InlineData("/sys/agon.log", "permission denied")]
    [InlineData("{root}", "it is a folder")]
    public async Task UnwritableLog_OneWarning_CommandsOwnErrorAndExitCode(string logFile, string reason)
    {
        var agon = PublishedAgon.RequireOrSkip();
        using var env = new FakeEnvironment();
        logFile = logFile.Replace("{root}", env.Root, StringComparison.Ordinal);
        if (logFile.StartsWith("/sys/", StringComparison.Ordinal) && !Directory.Exists("/sys"))
        {
            Assert.Skip("no /sys here to stand for a folder nobody may write to");
        }

        var config = Path.Combine(env.Root, "config.json");
        File.WriteAllText(config, UnreachableHost);

        var result = await PublishedAgon.RunAsync(agon, env.Root, "list", "models", "--config", config, "--log-file", logFile);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            ["error: host r (http://127.0.0.1:9/) is not reachable: Connection refused", $"warning: cannot write the log file {logFile}: {reason}; logging is off for this run"],
            result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("/dev/null", "it is a device, not a regular file")]
    [InlineData("{root}", "it is a folder")]
    public async Task ExportToDeviceOrFolder_RefusedBeforeTheRun_Exit1(string export, string reason)
    {
        var agon = PublishedAgon.RequireOrSkip();
        SharedModels.RequireOrSkip();
        using var env = new FakeEnvironment();
        export = export.Replace("{root}", env.Root, StringComparison.Ordinal);

        var result = await PublishedAgon.RunAsync(agon, env.Root,
            "chat", "--pipelineMode", "--models-dir", SharedModels.Directory!, "--target", "local/stories260K", "--target", "local/stories260K",
            "--param", "max_tokens=2", "--prompt", "Once upon a time", "--export", export);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot write the export {export}: {reason}", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }
}
