using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Agon.Chat;
using Agon.Conversations;
using Agon.Interactive;
using Agon.Storage;
using Terminal.Gui.Input;
using static Agon.Tests.Interactive.ScreenScript;

namespace Agon.Tests.Interactive;

/// <summary>
/// The chat screen's keys on Terminal.Gui's ANSI driver: multi-line prompts, F3/F4 editors, F5 export, Ctrl+T, the
/// picker loading a model, scroll positions across resizes, and the run ending on cancellation (SIGTERM).
/// </summary>
[Collection(nameof(TerminalScreens))]
public sealed partial class ChatScreenKeysTests
{
    private static ChatSession Session(ChatMode mode, ScriptedHost host, params string[] models) =>
        new(new ChatEngine(TimeProvider.System), new ChatRequest { Prompt = "", Mode = mode }, [.. models.Select(m => new ChatTarget(host, m))]);

    private static ChatScreenOptions Options(ScriptedHost host, Func<ChatSession, string>? export = null) => new("agon test", new TargetCatalog([host]), export);

    private static bool Shows(string screen, string part) => screen.Contains(part, StringComparison.Ordinal);

    [Fact]
    public void MultiLinePrompt_GrowsTheInput_IsSentWhole_UpRecallsIt()
    {
        var host = new ScriptedHost("gpu");
        using var session = Session(ChatMode.Single, host, "a");
        var rowsBefore = 0;
        Run(session, Options(host), 80, 24,
            (_, _, screen) => (rowsBefore = PaneRows(screen)) > 0,
            (app, _, _) => Type(app, "one") && Press(app, Key.J.WithCtrl) && Type(app, "two") && Press(app, Key.Enter.WithAlt) && Type(app, "three"),
            (_, screen, text) => screen.PromptText == "one\ntwo\nthree" && LineBefore(text, "three") is { } above && above.Contains("two", StringComparison.Ordinal),
            (_, _, text) =>
            {
                Assert.Equal(rowsBefore - 1, PaneRows(text));
                return true;
            },
            (app, _, _) => Press(app, Key.Enter),
            (_, screen, text) => Shows(text, "· done") && screen.PromptText.Length == 0,
            (_, _, text) => PaneRows(text) == rowsBefore,
            (app, _, _) => Press(app, Key.CursorUp),
            (_, screen, _) => screen.PromptText == "one\ntwo\nthree");
        Assert.Equal("one\ntwo\nthree", Assert.Single(host.Sent).Messages[^1].Text);
    }

    [Fact]
    public void F3SetsTheSystemPrompt_F4TheParameters_BothGoWithTheNextPrompt()
    {
        var host = new ScriptedHost("gpu");
        using var session = Session(ChatMode.Single, host, "a");
        Run(session, Options(host), 100, 24,
            (app, _, _) => Press(app, Key.F3),
            (_, _, text) => Shows(text, "System prompt"),
            (app, _, _) => Type(app, "Be brief.") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "System prompt set"),
            (app, _, _) => Press(app, Key.F4),
            (_, _, text) => Shows(text, "Parameters (key=value"),
            (app, _, _) => Type(app, "temperature") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "--param temperature: expected key=value"),
            (app, _, _) => Press(app, Key.F4),
            (_, _, text) => Shows(text, "Parameters (key=value"),
            (app, _, _) => Type(app, "temperature=0.25 top_k=7") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "Parameters (key=value …) set"),
            (app, _, _) => Type(app, "hi") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "· done"));
        var sent = Assert.Single(host.Sent).Messages;
        Assert.Equal(["system:Be brief.", "user:hi"], sent.Select(m => $"{m.Role}:{m.Text}"));
        Assert.Equal((0.25f, 7), (host.Options[0]!.Temperature, host.Options[0]!.TopK));
    }

    [Fact]
    public void F5ExportsThePipeline_ToTheConfiguredJsonAndMarkdownFiles()
    {
        using var env = new FakeEnvironment();
        var json = Path.Combine(env.Root, "out", "pipeline.json");
        var markdown = Path.Combine(env.Root, "out", "pipeline.md");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        var host = new ScriptedHost("gpu");
        host.Scripts["draft"] = ["three little words"];
        host.Scripts["polish"] = ["Polished."];
        using var session = Session(ChatMode.Pipeline, host, "draft", "polish");
        var export = new PipelineScreenExport(env, json, markdown, TimeProvider.System);
        Run(session, Options(host, export.Export), 100, 24,
            (app, _, _) => Press(app, Key.F5),
            (_, _, text) => Shows(text, "export: run the pipeline first"),
            (app, _, _) => Type(app, "write") && Press(app, Key.Enter),
            (_, _, text) => CountOf(text, "· done") == 2,
            (app, _, _) => Press(app, Key.F5),
            (_, _, text) => Shows(text, "exported " + json[..20]));
        var stages = JsonNode.Parse(File.ReadAllText(json))!["stages"]!.AsArray();
        Assert.Equal(["three little words", "Polished."], stages.Select(s => (string?)s!["output"]));
        Assert.Contains("Polished.", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void CtrlN_ANewConversation_LeavesNothingOfTheOldAnswerOnScreen()
    {
        // The pane draws every row in full instead of clearing first: rows that had text must come back blank.
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = [.. Enumerable.Range(0, 60).Select(i => $"word{i} ")];
        using var session = Session(ChatMode.Single, host, "a");
        Run(session, Options(host), 80, 24,
            (app, _, _) => Type(app, "hi") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "· done") && Shows(text, "word59"),
            (app, _, _) => Press(app, Key.N.WithCtrl),
            (_, _, text) => !Shows(text, "word") && !Shows(text, "> hi"));
    }

    [Fact]
    public void CtrlT_CollapsesTheReasoningToOneLine_AndShowsItAgain()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = ["~thinking hard", "the answer"];
        using var session = Session(ChatMode.Single, host, "a");
        Run(session, Options(host), 100, 24,
            (app, _, _) => Type(app, "hi") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "· done") && Shows(text, "thinking hard") && Shows(text, "the answer"),
            (app, _, _) => Press(app, Key.T.WithCtrl),
            (_, _, text) => Shows(text, "▸ reasoning (13 characters; Ctrl+T shows it)") && !Shows(text, "thinking hard") && Shows(text, "the answer"),
            (app, _, _) => Press(app, Key.T.WithCtrl),
            (_, _, text) => Shows(text, "thinking hard") && !Shows(text, "▸ reasoning"));
        Assert.Equal("thinking hard", session.Panes[0].Buffer.TextOf(StreamBlockKind.Reasoning));
    }

    [Fact]
    public void Picker_AnUnloadedModelOnARouter_IsLoadedWithProgressInThePane_ThenAnswers()
    {
        var host = new ScriptedHost("router", ("z", "unloaded"), ("a", "loaded")) { MaxLoaded = 2 };
        host.Scripts["z"] = ["from z"];
        using var session = Session(ChatMode.Single, host, "a");
        Run(session, Options(host), 100, 24,
            (app, _, _) => Press(app, Key.F2),
            (_, _, text) => Shows(text, "router · router · 2 models"),
            (app, _, _) => Press(app, Key.Enter),
            // Loaded first: a, then z.
            (_, _, text) => Shows(text, "a · loaded") && text.IndexOf("a · loaded", StringComparison.Ordinal) < text.IndexOf("z · unloaded", StringComparison.Ordinal),
            (app, _, _) => Press(app, Key.CursorDown, Key.Enter),
            (_, _, text) => Shows(text, "router/z is loaded") && !Shows(text, Picker),
            (app, _, _) => Type(app, "hi") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "from z") && Shows(text, "· done"));
        Assert.Equal(["z"], host.Loads);
        Assert.Contains("loading router/z: reading the file 50", session.Panes[0].Buffer.TextOf(StreamBlockKind.Note), StringComparison.Ordinal);
        Assert.Equal("z", Assert.Single(host.Sent).Model);
    }

    [Fact]
    public void Resize_100x24_60x20_50x20_KeepsEachPanesScrollPosition()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = [.. Enumerable.Range(10, 60).Select(i => $"a{i}\n")];
        host.Scripts["b"] = [.. Enumerable.Range(10, 60).Select(i => $"b{i}\n")];
        using var session = Session(ChatMode.Compare, host, "a", "b");
        string? top = null;
        Run(session, Options(host), 100, 24,
            (app, _, _) => Type(app, "go") && Press(app, Key.Enter),
            (_, _, text) => CountOf(text, "· done") == 2 && Shows(text, "b69"),
            (app, _, _) => Press(app, Key.Tab, Key.PageUp, Key.PageUp),
            (_, _, text) => (top = FirstOf(text, 'a')) is not null && top != "a69" && !Shows(text, "a69") && Shows(text, "b69"),
            (app, _, _) => { app.Driver!.SetScreenSize(60, 20); return true; },
            (_, _, text) => text.Split('\n')[0].TrimEnd().Length == 60 && FirstOf(text, 'a') == top && Shows(text, "b69"),
            (app, _, _) => { app.Driver!.SetScreenSize(50, 20); return true; },
            (_, _, text) => Shows(text, "(1/2, Tab)") && FirstOf(text, 'a') == top && !Shows(text, "b69"),
            (app, _, _) => Press(app, Key.Tab),
            (_, _, text) => Shows(text, "(2/2, Tab)") && Shows(text, "b69"),
            (app, _, _) => Press(app, Key.Tab),
            (app, _, _) => { app.Driver!.SetScreenSize(100, 24); return true; },
            (_, _, text) => FirstOf(text, 'a') == top && Shows(text, "b69"));
        Assert.NotNull(top);
    }

    [Fact]
    public void Cancellation_SIGTERM_EndsTheScreen_TheStreamingAnswerIsKeptAsCancelled()
    {
        using var env = new FakeEnvironment();
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = ["half an ", ScriptedHost.Gate, "never"];
        using var keeper = new ConversationKeeper(AgonDatabase.Open(Path.Combine(env.Root, "agon.db")), TimeProvider.System, save: true);
        using var session = new ChatSession(new ChatEngine(TimeProvider.System), new ChatRequest { Prompt = "" }, [new ChatTarget(host, "a")], keeper);
        using var sigterm = new CancellationTokenSource();
        Run(session, Options(host), 100, 24, sigterm.Token,
            (app, _, _) => Type(app, "go") && Press(app, Key.Enter),
            (_, _, text) => Shows(text, "half an") && host.Waiting.Task.IsCompleted,
            (_, _, _) =>
            {
                sigterm.Cancel();
                return false;
            });

        Assert.False(session.Running);
        var turns = keeper.Store.Load(session.ConversationId!.Value)!.Turns;
        Assert.Equal(["go", "half an "], turns.Select(t => t.Text));
        Assert.True(turns[1].Cancelled);

        // The application was shut down: another one starts and runs in the same process.
        var again = new ScriptedHost("gpu");
        using var next = Session(ChatMode.Single, again, "a");
        Run(next, Options(again), 80, 20, (_, _, text) => Shows(text, "gpu/a"));
    }

    private const string Picker = TargetPickerDialog.Title;

    /// <summary>The rows the first pane's frame takes (its borders included).</summary>
    private static int PaneRows(string screen) => screen.Split('\n').Count(l => l.Length > 1 && l[1] is '│' or '┌' or '└' or '╭' or '╰');

    private static string? LineBefore(string screen, string part)
    {
        var lines = screen.Split('\n');
        var i = Array.FindIndex(lines, l => l.Contains(part, StringComparison.Ordinal));
        return i > 0 ? lines[i - 1] : null;
    }

    /// <summary>The first line of pane text <paramref name="pane"/> shows (a10 … a69, b10 … b69).</summary>
    private static string? FirstOf(string screen, char pane) =>
        (pane == 'a' ? ALine() : BLine()).Match(screen) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"\ba\d\d\b")]
    private static partial Regex ALine();

    [GeneratedRegex(@"\bb\d\d\b")]
    private static partial Regex BLine();
}
