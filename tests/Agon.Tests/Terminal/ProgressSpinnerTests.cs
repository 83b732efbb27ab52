using Agon.Hosts;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Terminal;

/// <summary>Work that reports no fraction (an Ollama load) turns a spinner with the time so far, never a "0%" bar.</summary>
public sealed class ProgressSpinnerTests
{
    [Fact]
    public void NoFraction_SpinnerTurnsOnTheClock_NoPercent()
    {
        using var stderr = new StringWriter();
        var console = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true });
        var clock = new FakeTimeProvider();
        using (var board = new ProgressBoard(console, clock))
        {
            var row = board.Add("box/qwen3:8b");
            row.Report(new ModelProgress("qwen3:8b", ModelStatus.Loading));
            clock.Advance(TimeSpan.FromMilliseconds(100));
            clock.Advance(TimeSpan.FromMilliseconds(100));
            clock.Advance(TimeSpan.FromSeconds(1));
            board.Complete(row, "loaded");
        }

        var frames = stderr.ToString().Split("\r\u001b[2K", StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('\n')[0]).ToList();
        // The clock turns it (no report in between): a frame every 100 ms, the time so far in whole seconds.
        Assert.Contains("box/qwen3:8b  / loading (0 s)", frames);
        Assert.Contains("box/qwen3:8b  - loading (0 s)", frames);
        Assert.Contains("box/qwen3:8b  | loading (1 s)", frames);
        Assert.Equal("box/qwen3:8b  loaded", frames[^1]);
        Assert.DoesNotContain("%", stderr.ToString());
    }

    [Fact]
    public void WithFraction_BarAndPercent_NoSpinner()
    {
        using var stderr = new StringWriter();
        var console = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true });
        var clock = new FakeTimeProvider();
        using (var board = new ProgressBoard(console, clock))
        {
            var row = board.Add("r/stories260K");
            row.Report(new ModelProgress("stories260K", ModelStatus.Loading, 0.5));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Contains("r/stories260K  [############............]  50% loading", stderr.ToString());
        Assert.DoesNotContain("loading (", stderr.ToString());
    }
}
