using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Agon.Interactive;

/// <summary>
/// Runs the full-screen chat on Terminal.Gui's ANSI driver until the user quits, the token is cancelled (SIGTERM),
/// or the screen fails; disposing the application restores the terminal on every one of those paths.
/// </summary>
internal static class InteractiveChat
{
    /// <summary>
    /// The main loop's iteration cap, and so the most draws a second. Terminal.Gui's default (25) alone adds up to
    /// 40 ms between a coalesced redraw and the screen; 60 keeps a streamed token under 50 ms from arrival to screen
    /// (bench/Agon.Bench ui-latency) while an idle screen still sleeps between iterations.
    /// </summary>
    public const int IterationsPerSecond = 60;

    /// <summary>
    /// What Terminal.Gui's module initializer does, which the native executable leaves out of start-up
    /// (TerminalGui.Substitutions.xml): its configuration and themes applied to its static settings. Under the JIT the
    /// initializer has run already and this applies the same settings again.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The call Terminal.Gui's own module initializer makes in every build; it binds Terminal.Gui's settings types, which Terminal.Gui keeps.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: the same call, at a later moment.")]
    private static void ApplyTerminalGuiConfiguration() => global::Terminal.Gui.Configuration.TuiConfigurationBuilder.Shared.ApplyToStaticFacades();

    /// <summary>Runs until the screen stops; <paramref name="started"/> (tests) is called once the screen exists, to set the size and script keys.</summary>
    public static void Run(ChatSession session, ChatScreenOptions options, TimeProvider timeProvider, CancellationToken cancellationToken, Action<IApplication, ChatScreen>? started = null)
    {
        ApplyTerminalGuiConfiguration();
        Application.MaximumIterationsPerSecond = IterationsPerSecond;
        using IApplication app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        var screen = new ChatScreen(app, session, options, timeProvider);
        using var stop = cancellationToken.Register(() => app.Invoke(() => app.RequestStop()));
        try
        {
            started?.Invoke(app, screen);
            app.Run(screen);
        }
        finally
        {
            screen.Close();
            session.Close();
            screen.Dispose();
        }
    }
}
