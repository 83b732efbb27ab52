using System.Diagnostics;

namespace Agon.Tests.Interactive;

/// <summary>
/// The full-screen chat as a user runs it: the <c>agon</c> executable built beside the tests, on a real pseudo-terminal
/// (util-linux <c>script</c>), ended by SIGTERM or by Ctrl+Q. Either way the terminal is given back (the alternate
/// screen left, the cursor shown, mouse reporting off) and the exit code says how it ended.
/// </summary>
public sealed class TerminalProcessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The keys as the terminal sends them: Ctrl+J is a line feed (0x0A), Alt+Enter is ESC CR. Both put a new line in
    /// the prompt, Enter (CR) sends it whole; the host is unreachable, so the pane shows the prompt and the error.
    /// </summary>
    [Fact]
    public async Task CtrlJ_AndAltEnter_AsTheTerminalSendsThem_InsertNewLines()
    {
        var (env, script, typescript) = await StartAsync();
        using var _ = env;
        using var __ = script;
        try
        {
            // Each key waits for the redraw it causes: typed quickly after ESC CR, Terminal.Gui's ANSI parser loses
            // the keys that follow (a person's next key comes tens of milliseconds later).
            foreach (var (input, redrawn) in new[] { ("one", "one"), ("\n", "one"), ("two", "two"), ("\u001b\r", "two"), ("three", "three") })
            {
                var before = Shown(typescript).Length;
                await TypeAsync(script, input);
                await UntilAsync(() => Shown(typescript)[before..].Contains(redrawn, StringComparison.Ordinal), $"the screen after {input.Replace("\u001b", "ESC", StringComparison.Ordinal).Trim()}");
            }

            await UntilAsync(() => Shown(typescript).Contains("three", StringComparison.Ordinal), "the third line");
            await TypeAsync(script, "\r");
            await UntilAsync(() => Shown(typescript).Contains("> one", StringComparison.Ordinal), "the prompt in the pane");
            await TypeAsync(script, "\u0011");
            await EndedAsync(script);
        }
        finally
        {
            Stop(script);
        }

        var shown = Shown(typescript);
        Assert.Contains("> one", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("onetwo", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("twothree", shown, StringComparison.Ordinal);
        Assert.Equal(0, script.ExitCode);
    }

    [Theory]
    [InlineData("sigterm", 130)]
    [InlineData("ctrl+q", 0)]
    public async Task Ended_TheTerminalIsRestored_TheExitCodeSaysHow(string ending, int exitCode)
    {
        var (env, script, typescript) = await StartAsync();
        using var _ = env;
        using var __ = script;
        try
        {
            if (ending == "sigterm")
            {
                var pid = ChildOf(script.Id) ?? throw new InvalidOperationException("agon is not running under script");
                using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                await kill.WaitForExitAsync(Token);
            }
            else
            {
                await TypeAsync(script, "\u0011");
            }

            await EndedAsync(script);
        }
        finally
        {
            Stop(script);
        }

        var output = await File.ReadAllTextAsync(typescript, Token);
        var shown = output.IndexOf("F1 keys", StringComparison.Ordinal);
        var after = output[shown..];
        Assert.Equal(exitCode, script.ExitCode);
        Assert.Contains("\u001b[?1049l", after, StringComparison.Ordinal);   // the alternate screen left
        Assert.Contains("\u001b[?1003l", after, StringComparison.Ordinal);   // mouse reporting off
        Assert.True(after.LastIndexOf("\u001b[?25h", StringComparison.Ordinal) > after.LastIndexOf("\u001b[?1049l", StringComparison.Ordinal), "the cursor is shown after the screen is left");
    }

    /// <summary>agon chat -i under script(1) on a 100×30 pseudo-terminal, once its screen shows.</summary>
    private static async Task<(FakeEnvironment Env, Process Script, string Typescript)> StartAsync()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            Assert.Skip("needs util-linux script(1) for a pseudo-terminal");
        }

        var env = new FakeEnvironment();
        var config = Path.Combine(env.Root, "config.json");
        await File.WriteAllTextAsync(config, """{"hosts": [{"name": "box", "type": "ollama", "url": "http://127.0.0.1:9", "models": ["m"]}]}""", Token);
        var typescript = Path.Combine(env.Root, "typescript");
        var agon = Path.Combine(AppContext.BaseDirectory, "agon");
        var info = new ProcessStartInfo("/usr/bin/script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = env.CurrentDirectory,
        };
        foreach (var arg in new[] { "-qfec", $"stty cols 100 rows 30; exec '{agon}' --config '{config}' chat -i -t box/m --no-save", typescript })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TERM"] = "xterm-256color";
        info.Environment["HOME"] = env.Root;

        // A user's terminal: CI=true (as .ci/run sets it) tells agon nobody is there to type.
        foreach (var name in info.Environment.Keys.Where(k => k == "CI" || k.StartsWith("AGON_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        var script = Process.Start(info)!;
        _ = script.StandardOutput.ReadToEndAsync(Token);
        await UntilAsync(() => Shown(typescript).Contains("F1 keys", StringComparison.Ordinal), "the screen to show");
        return (env, script, typescript);
    }

    /// <summary>Writes to the pseudo-terminal as typing would.</summary>
    private static async Task TypeAsync(Process script, string text)
    {
        await script.StandardInput.WriteAsync(text);
        await script.StandardInput.FlushAsync(Token);
    }

    private static Task EndedAsync(Process script) => script.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(20), Token);

    private static void Stop(Process script)
    {
        if (!script.HasExited)
        {
            script.Kill(entireProcessTree: true);
        }
    }

    private static string Shown(string typescript)
    {
        try
        {
            using var stream = new FileStream(typescript, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    private static int? ChildOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return null;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!Token.IsCancellationRequested)
            {
                Assert.Fail("timed out waiting for " + what);
            }
        }
    }
}
