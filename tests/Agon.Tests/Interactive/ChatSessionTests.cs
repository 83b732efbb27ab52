using Agon.Chat;
using Agon.Conversations;
using Agon.Interactive;
using Agon.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Interactive;

/// <summary>The interactive chat's view model against scripted hosts (written, not recorded): no terminal.</summary>
public sealed class ChatSessionTests
{
    private static readonly FakeTimeProvider s_clock = new(AgonRunner.Now);

    private static ChatSession Session(ChatMode mode, params ChatTarget[] targets) =>
        new(new ChatEngine(s_clock), new ChatRequest { Prompt = "", Mode = mode }, targets);

    private static string Answer(ChatPane pane) => pane.Buffer.TextOf(StreamBlockKind.Answer);

    [Fact]
    public async Task Compare_StreamsIntoEachPane_WithItsOwnHistory()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = ["Once ", "upon"];
        host.Scripts["b"] = ["Hello"];
        using var session = Session(ChatMode.Compare, new ChatTarget(host, "a"), new ChatTarget(host, "b"));

        await session.SendAsync("story");
        await session.SendAsync("again");

        Assert.Equal(["Once uponOnce upon", "HelloHello"], session.Panes.Select(Answer));
        Assert.All(session.Panes, p => Assert.Equal(PaneStatus.Done, p.Status));
        var second = host.Sent.Where(s => s.Model == "b").Last().Messages;
        Assert.Equal(["user:story", "assistant:Hello", "user:again"], second.Select(m => $"{m.Role}:{m.Text}"));
        Assert.Equal(["again", "story", "story", "again", ""], [session.RecallPrevious()!, session.RecallPrevious()!, session.RecallPrevious()!, session.RecallNext(), session.RecallNext()]);
    }

    [Fact]
    public async Task AnAnswerCutAtTheTokenLimit_SaysSoInItsFooter()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = ["Once upon", ScriptedHost.LengthStop];
        host.Scripts["b"] = ["The end.", ScriptedHost.LengthStop];
        using var session = new ChatSession(new ChatEngine(s_clock),
            new ChatRequest { Prompt = "", Mode = ChatMode.Single, Parameters = ChatParameters.ParseFlags(["max_tokens=2"]) },
            [new ChatTarget(host, "a")]);
        using var unlimited = Session(ChatMode.Single, new ChatTarget(host, "b"));

        await session.SendAsync("story");
        await unlimited.SendAsync("story");

        Assert.Equal(PaneStatus.Done, session.Panes[0].Status);
        Assert.StartsWith("stopped at the 2-token limit", session.Panes[0].Footer, StringComparison.Ordinal);
        Assert.StartsWith("the context is full", unlimited.Panes[0].Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopOnePane_TheOtherGoesOn_TheStoppedKeepsItsPartialText()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["slow"] = ["partial", ScriptedHost.Gate, "never"];
        host.Scripts["fast"] = ["quick"];
        using var session = Session(ChatMode.Compare, new ChatTarget(host, "slow"), new ChatTarget(host, "fast"));

        var run = session.SendAsync("go");
        await host.Waiting.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(session.Stop(0));
        await run;

        Assert.Equal((PaneStatus.Stopped, "partial"), (session.Panes[0].Status, Answer(session.Panes[0])));
        Assert.Equal((PaneStatus.Done, "quick"), (session.Panes[1].Status, Answer(session.Panes[1])));
        Assert.False(session.Running);
        Assert.True(session.Interrupt());
    }

    [Fact]
    public async Task AFailingTarget_ErrorStaysInItsPane_RetryAsksOnlyIt()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["bad"] = ["half", "!crashed mid-answer"];
        host.Scripts["good"] = ["fine"];
        using var session = Session(ChatMode.Compare, new ChatTarget(host, "bad"), new ChatTarget(host, "good"));

        await session.SendAsync("go");

        Assert.Equal(PaneStatus.Error, session.Panes[0].Status);
        Assert.StartsWith("host gpu: crashed mid-answer", session.Panes[0].Footer, StringComparison.Ordinal);
        Assert.Contains("error: host gpu: crashed mid-answer", session.Panes[0].Buffer.TextOf(StreamBlockKind.Error), StringComparison.Ordinal);
        Assert.Equal("half", Answer(session.Panes[0]));
        Assert.Equal(PaneStatus.Done, session.Panes[1].Status);

        host.Scripts["bad"] = ["now ok"];
        await session.RetryAsync();

        Assert.Equal(PaneStatus.Done, session.Panes[0].Status);
        Assert.Equal(3, host.Sent.Count);
        Assert.Equal("bad", host.Sent[^1].Model);
    }

    [Fact]
    public async Task Pipeline_HandsOffVisibly_StageTwoGetsStageOnesAnswer()
    {
        var host = new ScriptedHost("gpu");
        host.Scripts["draft"] = ["three little words"];
        host.Scripts["polish"] = ["Polished."];
        using var session = Session(ChatMode.Pipeline, new ChatTarget(host, "draft"), new ChatTarget(host, "polish"));

        await session.SendAsync("write");

        Assert.Equal("← hand-off from stage 1: 3 words", session.Panes[1].Buffer.TextOf(StreamBlockKind.Note));
        Assert.Equal(["user:write", "user:three little words"], host.Sent[1].Messages.Select(m => $"{m.Role}:{m.Text}"));
        Assert.Equal("1. gpu/draft", session.Panes[0].Title);
        Assert.Equal(2, session.Outcomes().Count);
    }

    [Fact]
    public async Task TurnsAreSaved_AndAnotherTargetForksTheConversation()
    {
        using var env = new FakeEnvironment();
        var host = new ScriptedHost("gpu");
        host.Scripts["a"] = ["A1"];
        using var keeper = new ConversationKeeper(AgonDatabase.Open(Path.Combine(env.Root, "agon.db")), s_clock, save: true);
        using var session = new ChatSession(new ChatEngine(s_clock), new ChatRequest { Prompt = "" }, [new ChatTarget(host, "a")], keeper);

        await session.SendAsync("one");
        var first = session.ConversationId!.Value;
        session.Retarget(0, new ChatTarget(host, "b"));
        await session.SendAsync("two");

        Assert.Equal(["one", "A1"], keeper.Store.Load(first)!.Turns.Select(t => t.Text));
        var fork = keeper.Store.Load(session.ConversationId!.Value)!;
        Assert.Equal(first, fork.Summary.ParentId);
        Assert.Equal(["one", "A1", "two", "ok"], fork.Turns.Select(t => t.Text));
        Assert.Equal(["user:one", "assistant:A1", "user:two"], host.Sent[^1].Messages.Select(m => $"{m.Role}:{m.Text}"));

        // Opening it again (agon chat --continue) shows the turns and goes on in the same conversation.
        using var reopened = new ChatSession(new ChatEngine(s_clock), new ChatRequest { Prompt = "" }, [new ChatTarget(host, "b")], keeper, fork);
        Assert.Equal("A1ok", Answer(reopened.Panes[0]));
        await reopened.SendAsync("three");
        Assert.Equal(6, keeper.Store.Load(fork.Id)!.Turns.Count);
    }

    [Fact]
    public async Task AnEditedSystemPrompt_IsKeptWithTheAnswersAskedWithIt_AndTheConversationGoesOnWithIt()
    {
        using var env = new FakeEnvironment();
        var host = new ScriptedHost("gpu");
        using var keeper = new ConversationKeeper(AgonDatabase.Open(Path.Combine(env.Root, "agon.db")), s_clock, save: true);
        using var session = new ChatSession(new ChatEngine(s_clock), new ChatRequest { Prompt = "", System = "Be brief." }, [new ChatTarget(host, "a")], keeper);

        await session.SendAsync("one");
        session.Settings = session.Settings with { System = "Be long." };
        await session.SendAsync("two");

        var saved = keeper.Store.Load(session.ConversationId!.Value)!;
        Assert.Equal("Be long.", saved.System);
        Assert.Equal(["Be brief.", "Be long."], saved.Turns.Where(t => t.Role == ConversationRole.Assistant).Select(t => t.System));
        Assert.Equal("system:Be long.", $"{host.Sent[^1].Messages[0].Role}:{host.Sent[^1].Messages[0].Text}");
    }

    [Fact]
    public void FiveTargets_AreRefusedWithAMessage()
    {
        var host = new ScriptedHost("gpu");
        var ex = Assert.Throws<AgonException>(() => Session(ChatMode.Compare, [.. Enumerable.Range(0, 5).Select(i => new ChatTarget(host, "m" + i))]));
        Assert.Equal("a chat takes one to 4 targets, got 5", ex.Message);
    }
}
