using Agon.Interactive;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Agon.Tests.Interactive;

/// <summary>A step of a screen script: gets the screen text and returns true when it is done (then the next one runs).</summary>
internal delegate bool ScreenStep(IApplication app, ChatScreen screen, string text);

/// <summary>
/// Runs the chat screen on Terminal.Gui's ANSI driver (its test path: injected keys, the screen read back as text).
/// The real run loop runs; a script is a list of steps, one per loop tick, each waiting for the screen to show what
/// the step before caused.
/// </summary>
internal static class ScreenScript
{
    public static void Run(ChatSession session, ChatScreenOptions options, int width, int height, params ScreenStep[] steps) =>
        Run(session, options, width, height, CancellationToken.None, steps);

    public static void Run(ChatSession session, ChatScreenOptions options, int width, int height, CancellationToken stop, params ScreenStep[] steps)
    {
        var step = 0;
        var ticks = 0;
        string? failure = null;
        var last = "";
        // A step that never returns (a dialog that never closes) must not hang the suite: the run is stopped after
        // 1500 ticks, or three minutes on a loaded machine.
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, stop);
        watchdog.CancelAfter(TimeSpan.FromMinutes(3));
        InteractiveChat.Run(session, options, TimeProvider.System, watchdog.Token, (app, screen) =>
        {
            app.Driver!.SetScreenSize(width, height);
            app.AddTimeout(TimeSpan.FromMilliseconds(10), () =>
            {
                if (++ticks > 1500)
                {
                    failure = $"step {step} never finished; the screen:\n{app.Driver.ToString()}";
                    app.RequestStop();
                    return false;
                }

                app.LayoutAndDraw(true);
                last = app.Driver.ToString() ?? "";
                if (step < steps.Length && steps[step](app, screen, last))
                {
                    step++;
                }

                if (step == steps.Length)
                {
                    app.RequestStop();
                    return false;
                }

                return true;
            });
        });
        Assert.True(failure is null, failure);
        Assert.True(stop.IsCancellationRequested || !watchdog.IsCancellationRequested, $"the screen script did not finish (step {step}, {ticks} ticks); the screen:\n{last}");
    }

    public static bool Type(IApplication app, string text)
    {
        foreach (var c in text)
        {
            app.InjectKey(c);
        }

        return true;
    }

    public static bool Press(IApplication app, params Key[] keys)
    {
        foreach (var key in keys)
        {
            app.InjectKey(key);
        }

        return true;
    }

    public static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
