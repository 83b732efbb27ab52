using Agon.Chat;
using Agon.Conversations;
using Agon.Metrics;
using Agon.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Conversations;

/// <summary>The conversation store: round trip, history order, forks, a crash, two writers, a cancelled answer.</summary>
public sealed class ConversationStoreTests
{
    private static readonly FakeTimeProvider s_clock = new(AgonRunner.Now);

    private static ConversationTurn Prompt(string text) => new() { Role = ConversationRole.User, Text = text };

    private static ConversationTurn Answer(string target, string text) => new()
    {
        Role = ConversationRole.Assistant,
        Target = target,
        Text = text,
        Parameters = new Dictionary<string, string> { ["temperature"] = "0.2" },
        Metrics = new ResponseMetrics { TtftMs = Metric.Client(85), GenerationTokensPerSecond = Metric.Server(42.5) },
    };

    [Fact]
    public void Append_ThenLoad_RoundTripsTurnsInOrder()
    {
        using var env = new FakeEnvironment();
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var store = new ConversationStore(db, s_clock);
        var id = store.Create(new ConversationStart("single", ["router/stories260K"], "Be brief."));
        store.Append(id, Prompt("hi"));
        store.Append(id, Answer("router/stories260K", "hello") with { Reasoning = "greet", JsonValid = false, JsonErrors = ["not JSON"], FinishReason = "stop" });

        var conversation = store.Load(id)!;

        Assert.Equal("Be brief.", conversation.System);
        Assert.Equal(("single", "hi", 1), (conversation.Summary.Mode, conversation.Summary.FirstPrompt, conversation.Summary.Turns));
        Assert.Equal(["router/stories260K"], conversation.Summary.Targets);
        var answer = conversation.Turns[1];
        Assert.Equal(("hello", "greet", false, "stop"), (answer.Text, answer.Reasoning, answer.JsonValid, answer.FinishReason));
        Assert.Equal(["not JSON"], answer.JsonErrors);
        Assert.Equal("0.2", answer.Parameters["temperature"]);
        Assert.Equal(Metric.Server(42.5), answer.Metrics.GenerationTokensPerSecond);
        Assert.Null(store.Load(id + 1));
    }

    [Fact]
    public void HistoryFor_EachTargetGetsItsOwnAnswers_AForkGetsTheFirst_FailedAnswersAreLeftOut()
    {
        using var env = new FakeEnvironment();
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var store = new ConversationStore(db, s_clock);
        var id = store.Create(new ConversationStart("compare", ["a/m", "b/m"]));
        store.Append(id, Prompt("one"));
        store.Append(id, Answer("b/m", "b1"));
        store.Append(id, Answer("a/m", "a1"));
        store.Append(id, Prompt("two"));
        store.Append(id, Answer("a/m", "a2"));
        store.Append(id, Answer("b/m", "partial") with { Cancelled = true });
        var conversation = store.Load(id)!;

        static string Flat(List<ChatMessage> messages) => string.Join(" | ", messages.Select(m => $"{m.Role}:{m.Text}"));

        Assert.Equal("user:one | assistant:a1 | user:two | assistant:a2", Flat(conversation.HistoryFor("a/m")));
        Assert.Equal("user:one | assistant:b1 | user:two | assistant:a2", Flat(conversation.HistoryFor("b/m")));
        Assert.Equal("user:one | assistant:b1 | user:two | assistant:a2", Flat(conversation.HistoryFor("c/other")));
    }

    [Fact]
    public void Delete_RemovesTheConversationAndItsTurns_CopyTurnsMakesAFork()
    {
        using var env = new FakeEnvironment();
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var store = new ConversationStore(db, s_clock);
        var parent = store.Create(new ConversationStart("single", ["a/m"]));
        store.Append(parent, Prompt("one"));
        store.Append(parent, Answer("a/m", "a1"));
        var fork = store.Create(new ConversationStart("single", ["b/m"], ParentId: parent));
        store.CopyTurns(parent, fork);

        Assert.Equal(["one", "a1"], store.Load(fork)!.Turns.Select(t => t.Text));
        Assert.Equal(parent, store.Load(fork)!.Summary.ParentId);
        Assert.Equal(1, store.Delete([parent, 999]));
        Assert.Null(store.Load(parent));
        Assert.Null(store.Load(fork)!.Summary.ParentId);
        using var count = db.Command("SELECT COUNT(*) FROM turns;");
        Assert.Equal(2L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task TwoWritersAtOnce_LoseNoTurn()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "agon.db");
        long shared;
        using (var db = AgonDatabase.Open(path))
        {
            shared = new ConversationStore(db, s_clock).Create(new ConversationStart("single", ["a/m"]));
        }

        // Two connections, as two Agon processes would have: each writes its own conversation and into a shared one.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            using var db = AgonDatabase.Open(path);
            var store = new ConversationStore(db, s_clock);
            var own = store.Create(new ConversationStart("single", ["writer" + w + "/m"]));
            for (var i = 0; i < 150; i++)
            {
                store.Append(own, Prompt($"w{w} p{i}"));
                store.Append(shared, Answer("a/m", $"w{w} a{i}"));
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(writers);

        using var check = AgonDatabase.Open(path);
        var store = new ConversationStore(check, s_clock);
        Assert.Equal(3, store.List().Count);
        Assert.Equal(300, store.Load(shared)!.Turns.Count);
        Assert.All(store.List().Where(c => c.Id != shared), c => Assert.Equal(150, c.Turns));
        Assert.Equal(150, store.Load(shared)!.Turns.Count(t => t.Text.StartsWith("w1 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Crash_KeepsEveryFinishedTurn()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "live", "agon.db");
        var copy = Path.Combine(env.Root, "after-crash", "agon.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        using var db = AgonDatabase.Open(path);
        var store = new ConversationStore(db, s_clock);
        var id = store.Create(new ConversationStart("single", ["a/m"]));
        for (var i = 0; i < 20; i++)
        {
            store.Append(id, Prompt("p" + i));
            store.Append(id, Answer("a/m", "a" + i));
        }

        // A turn in flight: its transaction has begun but not committed when the process dies.
        using var inFlight = db.BeginWrite();
        using (var insert = db.Command($"INSERT INTO turns (conversation_id, ts_ms, role, text) VALUES ({id}, 1, 'user', 'lost');"))
        {
            insert.Transaction = inFlight;
            insert.ExecuteNonQuery();
        }

        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(path + suffix))
            {
                using var source = new FileStream(path + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(copy + suffix);
                source.CopyTo(target);
            }
        }

        using var reopened = AgonDatabase.Open(copy);
        var turns = new ConversationStore(reopened, s_clock).Load(id)!.Turns;
        Assert.Equal(40, turns.Count);
        Assert.Equal("a19", turns[^1].Text);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Recorder_StoresEachAnswerWhenItEnds_AndTheCancelledOnesPartialText()
    {
        using var env = new FakeEnvironment();
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var store = new ConversationStore(db, s_clock);
        var id = store.Create(new ConversationStart("compare", ["a/m", "b/m"]));
        var seen = new List<ChatEvent>();
        var recorder = new ConversationRecorder(store, id, new ListObserver(seen));
        var a = new ChatTarget(new ScriptedHost("a"), "m");
        var b = new ChatTarget(new ScriptedHost("b"), "m");

        recorder.RecordPrompt("go");
        recorder.OnEvent(new ChatEvent(ChatEventKind.Start, a));
        recorder.OnEvent(new ChatEvent(ChatEventKind.Start, b));
        recorder.OnEvent(new ChatEvent(ChatEventKind.Delta, b, Text: "Once upon"));
        recorder.OnEvent(new ChatEvent(ChatEventKind.Delta, a, Text: "done text"));
        recorder.OnEvent(new ChatEvent(ChatEventKind.Done, a, Outcome: new ChatOutcome { Target = a, Content = "done text" }));
        Assert.Equal(2, store.Load(id)!.Turns.Count);
        recorder.OnEvent(new ChatEvent(ChatEventKind.Delta, b, Text: " a time"));
        recorder.RecordCancelled();

        var turns = store.Load(id)!.Turns;
        Assert.Equal(["go", "done text", "Once upon a time"], turns.Select(t => t.Text));
        Assert.Equal([false, false, true], turns.Select(t => t.Cancelled));
        Assert.Equal("b/m", turns[2].Target);
        Assert.Equal(6, seen.Count);
    }

    private sealed class ListObserver(List<ChatEvent> events) : IChatObserver
    {
        public void OnEvent(ChatEvent chatEvent) => events.Add(chatEvent);
    }
}
