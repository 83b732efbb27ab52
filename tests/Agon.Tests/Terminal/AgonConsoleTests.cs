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
