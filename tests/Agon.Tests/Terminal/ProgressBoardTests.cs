using Agon.Hosts;
using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Terminal;

/// <summary>Progress lines on stderr for terminals only, redrawn in place, never on stdout.</summary>
public sealed class ProgressBoardTests
{
    [Fact]
    public void Terminal_DrawsOneLinePerTarget_RedrawsInPlace_FinalWord()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new AgonConsole(stdout, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true });
        var clock = new FakeTimeProvider();
        using (var board = new ProgressBoard(console, clock))
        {
            var a = board.Add("gpu/qwen3:8b");
            var b = board.Add("box/llama3.2");
            clock.Advance(TimeSpan.FromSeconds(1));
            a.Report(new ModelProgress("qwen3:8b", "pulling 3f8e", 0.5, 500_000_000, 1_000_000_000));
            board.Complete(b, "loaded");
        }

        Assert.Empty(stdout.ToString());
        var text = stderr.ToString();
        Assert.Contains("\u001b[2A", text);
        Assert.Contains("gpu/qwen3:8b  [############............]  50% 500 MB/1.0 GB pulling 3f8e", text);
        Assert.Contains("box/llama3.2  loaded", text);
    }

    [Fact]
    public void NotATerminal_OrJson_DrawsNothing()
    {
        using var stderr = new StringWriter();
        var plain = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain);
        var json = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true });
        json.UseJsonOutput();

        foreach (var console in new[] { plain, json })
        {
            using var board = new ProgressBoard(console, new FakeTimeProvider());
            var row = board.Add("gpu/m");
            row.Report(new ModelProgress("m", "loading", 0.5));
            board.Complete(row, "loaded");
            Assert.False(board.Enabled);
        }

        Assert.Empty(stderr.ToString());
    }
}
