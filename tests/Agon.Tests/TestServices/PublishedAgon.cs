using System.Diagnostics;

namespace Agon.Tests.TestServices;

/// <summary>
/// The published native executable (<c>dotnet publish src/Agon -c Release -r linux-x64</c>), named by
/// <c>AGON_PUBLISHED</c> (.ci/run sets it). Its messages can differ from the test host's (trimmed resources, the
/// native library loader), so these tests run the real thing: a fresh home folder, a fresh working folder, no
/// inherited Agon settings, stdin closed. Without the variable a test skips saying why; in CI it fails instead.
/// </summary>
internal static class PublishedAgon
{
    public const string Variable = "AGON_PUBLISHED";

    private static readonly string[] s_inherited = ["PATH", "LANG", "LC_ALL", "TMPDIR", "DOTNET_ROOT"];

    /// <summary>The executable's path; skips the test (or fails it, in CI) when it was not published.</summary>
    public static string RequireOrSkip()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (path is { Length: > 0 } && File.Exists(path))
        {
            return path;
        }

        var reason = path is { Length: > 0 }
            ? $"{Variable} names {path}, which does not exist"
            : $"the published executable is not named: publish it (dotnet publish src/Agon -c Release -r linux-x64 -o artifacts/agon) and set {Variable}=artifacts/agon/agon";
        if (inCi)
        {
            Assert.Fail(reason + " (CI=true: .ci/run must publish it before the tests)");
        }

        Assert.Skip(reason);
        return path!;
    }

    /// <summary>Runs the executable to its end in <paramref name="workingDirectory"/>, whose <c>home</c> subfolder is HOME.</summary>
    public static async Task<CliResult> RunAsync(string executable, string workingDirectory, params string[] args)
    {
        var home = Path.Combine(workingDirectory, "home");
        Directory.CreateDirectory(home);
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        foreach (var name in s_inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }

        info.Environment["HOME"] = home;
        info.Environment["NO_COLOR"] = "1";

        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
