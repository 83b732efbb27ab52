using Agon.Terminal;

namespace Agon.Tests.Terminal;

public sealed class AgonConsoleTests
{
    [Fact]
    public void JsonOutput_HumanTextMovesToStderr()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new AgonConsole(stdout, stderr, ConsoleCapabilities.Plain);

        console.UseJsonOutput();
        console.WriteLine("human");
        console.WriteData("{}");

        Assert.Equal("{}\n", stdout.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("human\n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void UntrustedText_EscapeSequencesRemoved()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new AgonConsole(stdout, stderr, ConsoleCapabilities.Plain);

        console.WriteLine("model says \u001b[2Jcleared [red]x[/]\tok");
        console.WriteError("server: \u001b]0;title\u0007bad");

        Assert.Equal("model says cleared [red]x[/]\tok\n", stdout.ToString());
        Assert.Equal("error: server: bad\n", stderr.ToString());
    }

    [Fact]
    public void ModelText_IntoAFile_WrittenAsItCame()
    {
        using var stdout = new StringWriter();
        var console = new AgonConsole(stdout, TextWriter.Null, ConsoleCapabilities.Plain);

        console.WriteModelText("\u001b[31mred\u001b[0m and \u0007bell");

        Assert.Equal("\u001b[31mred\u001b[0m and \u0007bell", stdout.ToString());
    }

    [Fact]
    public void ModelText_OnATerminal_WholeSequencesRemoved_EvenSplitAcrossPieces()
    {
        using var stdout = new StringWriter();
        var console = new AgonConsole(stdout, TextWriter.Null, new ConsoleCapabilities { OutputIsTerminal = true });

        foreach (var piece in new[] { "plain \u001b", "[31", "mred\u001b[0m", " title\u001b]0;pwned", "\u0007 done\u001b(B.\u009b1;2H\n" })
        {
            console.WriteModelText(piece);
        }

        Assert.Equal("plain red title done.\n", stdout.ToString());
    }

    [Theory]
    [InlineData("\u001b[2J\u001b[Hcleared", "cleared")]
    [InlineData("osc \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "osc link")]
    [InlineData("dcs \u001bPq#0;2;0;0;0\u001b\\after", "dcs after")]
    [InlineData("keep\ttabs\nand lines\r\n", "keep\ttabs\nand lines\r\n")]
    [InlineData("esc then newline \u001b\nnext", "esc then newline \nnext")]
    public void Sanitize_RemovesWholeSequences(string text, string shown) => Assert.Equal(shown, ConsoleText.Sanitize(text));

    [Fact]
    public void EndLine_OnlyWhenTextWasLeftMidLine()
    {
        using var stdout = new StringWriter();
        var console = new AgonConsole(stdout, TextWriter.Null, ConsoleCapabilities.Plain);

        console.WriteModelText("half a line");
        console.EndLine();
        console.EndLine();
        console.WriteModelText("whole\n");
        console.EndLine();

        Assert.Equal("half a line\nwhole\n", stdout.ToString());
    }

    [Fact]
    public void Colors_OnlyWhenCapable()
    {
        using var plainOut = new StringWriter();
        using var colorOut = new StringWriter();
        new AgonConsole(plainOut, TextWriter.Null, ConsoleCapabilities.Plain).WriteLine("x", TextStyle.Error);
        new AgonConsole(colorOut, TextWriter.Null, new ConsoleCapabilities { ColorOnOut = true }).WriteLine("x", TextStyle.Error);

        Assert.Equal("x\n", plainOut.ToString());
        Assert.Equal("\u001b[31mx\u001b[0m\n", colorOut.ToString());
    }

    [Fact]
    public void NoColorVariable_DisablesColor()
    {
        using var env = new FakeEnvironment();
        env.Set("NO_COLOR", "1");

        var capabilities = ConsoleCapabilities.Detect(env);

        Assert.False(capabilities.ColorOnOut);
        Assert.False(capabilities.ColorOnError);
    }

    [Fact]
    public void Table_AlignsColumns()
    {
        var table = TextTable.Render(["HOST", "STATUS"], [["gpu-box", "loaded"], ["pi", "unloaded"]]);

        Assert.Equal("HOST     STATUS\ngpu-box  loaded\npi       unloaded", table);
    }
}
