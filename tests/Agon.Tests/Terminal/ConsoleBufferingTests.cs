using Agon.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Terminal;

/// <summary>
/// With a clock, stdout is flushed at line ends, before stderr is written, and otherwise within
/// <see cref="AgonConsole.FlushInterval"/> of a write: a stream of deltas costs one flush per interval.
/// </summary>
public sealed class ConsoleBufferingTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly FlushCountingWriter _out = new();
    private readonly FlushCountingWriter _err = new();

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
    }

    private AgonConsole Console() => new(_out, _err, ConsoleCapabilities.Plain, null, _clock);

    [Fact]
    public void Deltas_FirstAtOnceThenOnePerInterval()
    {
        var console = Console();

        console.Write("Once");
        console.Write(" upon");
        console.Write(" a");

        Assert.Equal(["Once"], _out.Flushed);
        _clock.Advance(AgonConsole.FlushInterval);
        Assert.Equal(["Once", "Once upon a"], _out.Flushed);
    }

    [Fact]
    public void NewLine_FlushesAtOnce()
    {
        var console = Console();
        console.Write("first");

        console.Write(" line\nsecond");

        Assert.Equal(["first", "first line\nsecond"], _out.Flushed);
    }

    [Fact]
    public void StderrMessage_FlushesStdoutFirst()
    {
        var console = Console();
        console.Write("text");
        console.Write(" more");

        console.WriteNote("ttft 12 ms");

        Assert.Equal(["text", "text more"], _out.Flushed);
        Assert.Equal("ttft 12 ms\n", _err.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DataLines_FlushedByTime()
    {
        var console = Console();

        console.WriteData("{\"event\":\"start\"}");
        for (var i = 0; i < 100; i++)
        {
            console.WriteData("{\"event\":\"delta\"}");
        }

        Assert.Equal(1, _out.Flushes);
        _clock.Advance(AgonConsole.FlushInterval);
        Assert.Equal(2, _out.Flushes);
        Assert.Equal(101, _out.Flushed[^1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Flush_WritesWhatIsLeftOnce()
    {
        var console = Console();
        console.Write("a");
        console.Write("b");

        console.Flush();
        console.Flush();
        _clock.Advance(AgonConsole.FlushInterval);

        Assert.Equal(["a", "ab"], _out.Flushed);
    }

    [Fact]
    public void WithoutAClock_NothingIsFlushedByTheConsole()
    {
        var console = new AgonConsole(_out, _err, ConsoleCapabilities.Plain);

        console.Write("a");
        console.WriteLine("b");

        Assert.Empty(_out.Flushed);
        Assert.Equal("ab\n", _out.ToString().ReplaceLineEndings("\n"));
    }
}
