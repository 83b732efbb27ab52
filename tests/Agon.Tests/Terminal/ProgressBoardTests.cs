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

    [Fact]
    public void Terminal_FileRowsUnderTheirTarget_WithBytesRateAndTimeLeft()
    {
        using var stderr = new StringWriter();
        var console = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true });
        using (var board = new ProgressBoard(console, new FakeTimeProvider()))
        {
            var pull = board.Add("local/acme/big-GGUF:Q4_K_M");
            var other = board.Add("gpu/qwen3:8b");
            var files = Assert.IsAssignableFrom<IFileProgress>(pull);
            var first = files.AddFile("big-00001-of-00002.gguf");
            files.AddFile("big-00002-of-00002.gguf");
            first.Report(new ModelProgress("big-00001-of-00002.gguf", "12 MB/s, 3 s left", 0.25, 25_000_000, 100_000_000));
            board.Complete(other, "loaded");
        }

        var last = stderr.ToString().Split("\u001b[4A")[^1];
        var lines = last.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace("\r\u001b[2K", "", StringComparison.Ordinal).TrimEnd()).ToList();
        Assert.StartsWith("local/acme/big-GGUF:Q4_K_M", lines[0], StringComparison.Ordinal);
        Assert.Equal("  big-00001-of-00002.gguf".PadRight(26) + "  [######..................]  25% 25 MB/100 MB 12 MB/s, 3 s left", lines[1]);
        Assert.StartsWith("  big-00002-of-00002.gguf", lines[2], StringComparison.Ordinal);
        Assert.Equal("gpu/qwen3:8b".PadRight(26) + "  loaded", lines[3]);
    }
}
