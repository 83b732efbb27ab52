using Agon.Cli;
using Agon.Diagnostics;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Diagnostics;

/// <summary>A log that cannot be written never takes a command down: one warning, the command's own output and exit code.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileLogTests
{
    [Fact]
    public void DevFull_LinesDropped_ProblemSaysWhy_DisposeDoesNotThrow()
    {
        var log = new FileLog("/dev/full", includeBodies: false, new FakeTimeProvider());

        log.Write("first");
        log.Write("second");
        log.Dispose();

        Assert.Equal("cannot write the log file /dev/full: no space left on the device; logging is off for this run", log.Problem);
    }

    [Fact]
    public void FolderAsThePath_ProblemSaysItIsAFolder()
    {
        using var env = new FakeEnvironment();
        using var log = new FileLog(env.Root, includeBodies: false, new FakeTimeProvider());

        log.Write("line");

        Assert.Equal($"cannot write the log file {env.Root}: it is a folder; logging is off for this run", log.Problem);
    }

    [Fact]
    public void NamedPathInMissingFolder_NotCreated_ProblemNamesTheFolder()
    {
        using var env = new FakeEnvironment();
        var folder = Path.Combine(env.Root, "no-such-folder");
        using var log = new FileLog(Path.Combine(folder, "agon.log"), includeBodies: false, new FakeTimeProvider());

        log.Write("line");

        Assert.Equal($"cannot write the log file {Path.Combine(folder, "agon.log")}: the folder {folder} does not exist; logging is off for this run", log.Problem);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void DefaultLocation_FolderCreated_LineWritten()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "state", "agon", "agon.log");
        using (var log = new FileLog(path, includeBodies: false, new FakeTimeProvider(), createFolder: true))
        {
            log.Write("hello");
            Assert.Null(log.Problem);
        }

        Assert.EndsWith(" hello\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyFolder_ProblemSaysPermissionDenied()
    {
        using var env = new FakeEnvironment();
        var folder = ReadOnlyFolder(env);
        var path = Path.Combine(folder, "agon.log");
        using var log = new FileLog(path, includeBodies: false, new FakeTimeProvider());

        log.Write("line");

        Assert.Equal($"cannot write the log file {path}: permission denied; logging is off for this run", log.Problem);
    }

    [Theory]
    [InlineData("/dev/full", "no space left on the device")]
    [InlineData("{root}", "it is a folder")]
    [InlineData("{root}/missing/agon.log", "the folder {root}/missing does not exist")]
    [InlineData("{readonly}/agon.log", "permission denied")]
    public async Task Command_WithUnwritableLog_SameOutputAndExitCode_OneWarning(string logFile, string reason)
    {
        using var env = new FakeEnvironment();
        var readOnly = logFile.Contains("{readonly}", StringComparison.Ordinal) ? ReadOnlyFolder(env) : "";
        logFile = logFile.Replace("{root}", env.Root, StringComparison.Ordinal).Replace("{readonly}", readOnly, StringComparison.Ordinal);
        reason = reason.Replace("{root}", env.Root, StringComparison.Ordinal);
        var expected = await new MixedFleet().RunAsync(env, "list models");

        var result = await new MixedFleet().RunAsync(env, $"list models --log-file {logFile}");

        Assert.Equal(expected.ExitCode, result.ExitCode);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.StdOut, result.StdOut);
        Assert.Equal($"warning: cannot write the log file {logFile}: {reason}; logging is off for this run", result.StdErr.Trim());
    }

    [Fact]
    public async Task UnexpectedFailure_WithUnwritableLog_NoDetailsHint_Warning()
    {
        using var env = new FakeEnvironment();
        using var stderr = new StringWriter();
        var services = new AgonServices(new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain), env, new FakeTimeProvider());
        env.WriteConfig("""{"logFile": "/dev/full"}""");
        using var context = new CommandContext(services, new AgonApp(services).Root.Parse("show config"), new GlobalOptions());
        _ = context.Config;

        var exitCode = await CommandExecution.RunAsync(context, _ => throw new InvalidOperationException("boom"), TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            ["error: unexpected failure: boom", "warning: cannot write the log file /dev/full: no space left on the device; logging is off for this run"],
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A folder this process cannot write to: a read-only temporary folder, or /sys when running as root.</summary>
    private static string ReadOnlyFolder(FakeEnvironment env)
    {
        var folder = Path.Combine(env.Root, "read-only");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "");
        }
        catch (UnauthorizedAccessException)
        {
            return folder;
        }

        // Root writes anywhere it has a file system for; sysfs refuses new files even to root.
        File.Delete(Path.Combine(folder, "probe"));
        return "/sys";
    }
}
