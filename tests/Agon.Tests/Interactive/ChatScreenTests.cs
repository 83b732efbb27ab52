using Agon.Chat;
using Agon.Interactive;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace Agon.Tests.Interactive;

/// <summary>Terminal.Gui's own state is per process in places; these tests run one at a time.</summary>
[CollectionDefinition(nameof(TerminalScreens), DisableParallelization = true)]
public sealed class TerminalScreens;

/// <summary>The chat screen on Terminal.Gui's ANSI driver (<see cref="ScreenScript"/>): streaming, typing, the picker, Esc, resize.</summary>
[Collection(nameof(TerminalScreens))]
public sealed class ChatScreenTests
{
    private static ChatSession Session(ChatMode mode, ScriptedHost host, params string[] models) =>
        new(new ChatEngine(TimeProvider.System), new ChatRequest { Prompt = "", Mode = mode }, [.. models.Select(m => new ChatTarget(host, m))]);

    private static void Run(ChatSession session, int width, int height, ScriptedHost host, params ScreenStep[] steps) =>
        ScreenScript.Run(session, new ChatScreenOptions("agon test", new TargetCatalog([host])), width, height, steps);

    private static bool Type(IApplication app, string text) => ScreenScript.Type(app, text);

    private static bool Press(IApplication app, Key key) => ScreenScript.Press(app, key);

    private static int CountOf(string text, string part) => ScreenScript.CountOf(text, part);

    [Fact]
    public void ThreePanesStream_TypeAndSend_ResizeToNarrowMode()
    {
        var host = new ScriptedHost("gpu");
        foreach (var m in new[] { "a", "b", "c" })
        {
            host.Scripts[m] = [.. Enumerable.Range(0, 5).Select(i => $"{m}{i} ")];
        }

        using var session = Session(ChatMode.Compare, host, "a", "b", "c");
        Run(session, 100, 24, host,
            (app, _, _) => Type(app, "hello q"),
            (app, _, screen) => screen.Contains("hello q", StringComparison.Ordinal) && Press(app, Key.Enter),
            (_, _, screen) => CountOf(screen, "· done") == 3,
            (_, _, screen) =>
            {
                Assert.Contains("a0 a1 a2 a3 a4", screen, StringComparison.Ordinal);
                Assert.Contains("c0 c1 c2 c3 c4", screen, StringComparison.Ordinal);
                Assert.Contains("> hello q", screen, StringComparison.Ordinal);
                Assert.Contains("help", screen, StringComparison.Ordinal);
                return true;
            },
            (app, _, _) => { app.Driver!.SetScreenSize(60, 20); return true; },
            (_, _, screen) => screen.Split('\n')[0].TrimEnd().Length == 60 && CountOf(screen, "· done") == 3,
            (app, _, _) => { app.Driver!.SetScreenSize(50, 20); return true; },
            (_, _, screen) => screen.Contains("(1/3, Tab)", StringComparison.Ordinal) && !screen.Contains("gpu/b", StringComparison.Ordinal),
            (app, _, _) => Press(app, Key.Tab) && Press(app, Key.Tab),
            (_, screen, text) => screen.CurrentPane == 1 && text.Contains("gpu/b", StringComparison.Ordinal) && text.Contains("(2/3, Tab)", StringComparison.Ordinal));
        Assert.Equal(3, host.Sent.Count);
        Assert.All(host.Sent, s => Assert.Equal("hello q", s.Messages[^1].Text));
    }

    [Fact]
    public void CtrlL_OverTheOpenPicker_SendsTheWholeScreenAgain_AndThePickerStaysOpen()
    {
        var host = new ScriptedHost("gpu", ("a", "loaded"), ("z", "unloaded"));
        using var session = Session(ChatMode.Single, host, "a");
        var handled = false;
        var clears = false;
        Run(session, 100, 24, host,
            (app, _, _) => Press(app, Key.F2),
            (_, _, screen) => screen.Contains("Pick a target", StringComparison.Ordinal),
            (app, _, _) =>
            {
                handled = app.Keyboard.RaiseKeyDownEvent(Key.L.WithCtrl);
                clears = app.ClearScreenNextIteration;
                return true;
            },
            (_, _, screen) => screen.Contains("Pick a target", StringComparison.Ordinal),
            (app, _, _) => Press(app, Key.Esc),
            (_, _, screen) => !screen.Contains("Pick a target", StringComparison.Ordinal));
        Assert.True(handled);
        Assert.True(clears);
        Assert.Equal("a", session.Panes[0].Target.Model);
    }

    [Fact]
    public void PickerOpensAndCloses_EscStopsTheAnswer_PlainQDoesNotQuit()
    {
        var host = new ScriptedHost("gpu", ("a", "loaded"), ("z", "unloaded"));
        host.Scripts["a"] = ["partial ", ScriptedHost.Gate, "never"];
        using var session = Session(ChatMode.Single, host, "a");
        Run(session, 100, 24, host,
            (app, _, _) => Press(app, Key.F2),
            (_, _, screen) => screen.Contains("gpu · single · 2 models", StringComparison.Ordinal),
            (app, _, _) => Press(app, Key.Esc),
            (_, _, screen) => !screen.Contains("Pick a target", StringComparison.Ordinal),
            (app, _, _) => Type(app, "q") && Press(app, Key.Enter),
            (_, _, screen) => screen.Contains("partial", StringComparison.Ordinal) && screen.Contains("streaming", StringComparison.Ordinal),
            (app, _, _) => Press(app, Key.Esc),
            (_, _, screen) => screen.Contains("· stopped", StringComparison.Ordinal));
        Assert.Equal(PaneStatus.Stopped, session.Panes[0].Status);
        Assert.Equal("partial ", session.Panes[0].Buffer.TextOf(StreamBlockKind.Answer));
    }
}
