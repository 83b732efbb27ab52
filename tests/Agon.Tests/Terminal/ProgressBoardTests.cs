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
    public void FiftyColumns_LongNames_EveryFrameFitsAndRedrawsInPlace_OneFinalLineEach_ErrorLineAfterStays()
    {
        using var stderr = new StringWriter();
        var console = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true, ErrorWidth = 50 });
        var clock = new FakeTimeProvider();
        using (var board = new ProgressBoard(console, clock))
        {
            var a = board.Add("garage-gpu/qwen2.5-coder-32b-instruct:q4_K_M");
            var b = board.Add("r/stories260K");
            clock.Advance(TimeSpan.FromSeconds(1));
            a.Report(new ModelProgress("qwen2.5-coder-32b-instruct:q4_K_M", "pulling 3f8e", 0.5, 9_500_000_000, 19_000_000_000));
            board.Complete(b, "pulled");
            board.Complete(a, "failed");
            console.WriteError("host garage-gpu could not download qwen2.5-coder-32b-instruct:q4_K_M");
        }

        const string Clear = "\r\u001b[2K";
        string[] frames =
        [
            Clear + "garage-…t:q4_K_M  [................]      waiting\n",
            "\u001b[1A" + Clear + "garage-…t:q4_K_M  [................]      waiting\n" + Clear + "r/stories260K     [................]      waiting\n",
            "\u001b[2A" + Clear + "garage-…t:q4_K_M  [######.....]  50% pulling 3f8e\n" + Clear + "r/stories260K     [................]      waiting\n",
            "\u001b[2A" + Clear + "r/stories260K     pulled\n" + Clear + "garage-…t:q4_K_M  [######.....]  50% pulling 3f8e\n",
            "\u001b[1A" + Clear + "garage-…t:q4_K_M  failed\n",
            "error: host garage-gpu could not download qwen2.5-coder-32b-instruct:q4_K_M\n",
        ];
        Assert.Equal(string.Concat(frames), stderr.ToString());
        Assert.All(stderr.ToString().Split('\n').Where(l => l.StartsWith('\r') || l.StartsWith('\u001b')), l => Assert.True(l[(l.LastIndexOf('K') + 1)..].Length <= 49, l));
    }

    [Theory]
    [InlineData("garage-gpu/qwen2.5-coder-32b-instruct:q4_K_M", 16, "garage-…t:q4_K_M")]
    [InlineData("r/stories260K", 16, "r/stories260K")]
    [InlineData("abcdef", 5, "ab…ef")]
    public void Shorten_KeepsStartAndEnd(string name, int width, string expected)
    {
        var shortened = ProgressBoard.Shorten(name, width);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= width);
    }

    [Fact]
    public void Terminal_FileRowsUnderTheirTarget_WithBytesRateAndTimeLeft()
    {
        using var stderr = new StringWriter();
        var console = new AgonConsole(TextWriter.Null, stderr, ConsoleCapabilities.Plain with { ErrorIsTerminal = true, ErrorWidth = 120 });
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

        // The finished target is printed for good above the rows still at work, which are redrawn below it.
        var last = stderr.ToString().Split("\u001b[4A")[^1];
        var lines = last.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace("\r\u001b[2K", "", StringComparison.Ordinal).TrimEnd()).ToList();
        Assert.Equal("gpu/qwen3:8b".PadRight(26) + "  loaded", lines[0]);
        Assert.StartsWith("local/acme/big-GGUF:Q4_K_M", lines[1], StringComparison.Ordinal);
        Assert.Equal("  big-00001-of-00002.gguf".PadRight(26) + "  [######..................]  25% 25 MB/100 MB 12 MB/s, 3 s left", lines[2]);
        Assert.StartsWith("  big-00002-of-00002.gguf", lines[3], StringComparison.Ordinal);
    }
}
