using Agon.Configuration;
using Agon.Metrics;
using Agon.Storage;

namespace Agon.Tests.Chat;

/// <summary>agon's <c>metrics: true</c>: every chat, compare and pipeline response becomes one row in the database.</summary>
public sealed class ChatMetricsRecordingTests
{
    private const string TwoHosts = """
        {"metrics": true, "hosts": [
          {"name": "router", "type": "llama.cpp", "url": "http://10.0.0.1:8080", "models": ["stories260K"], "parameters": {"temperature": 0, "seed": 42, "max_tokens": 40}},
          {"name": "box", "type": "ollama", "url": "http://10.0.0.3:11434", "models": ["llama3.2"]}
        ]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ReplayHandler Router(string chat) =>
        new ReplayHandler(RecordedExchange.Load(chat)).Always("router-basic/02-props").Always("router-basic/08-models-loaded");

    private static ReplayHandler Ollama(string chat) =>
        new ReplayHandler(RecordedExchange.Load("ollama/" + chat)).Always("ollama/version").Always("ollama/tags").Always("ollama/ps");

    private static async Task<(CliResult Result, List<ResponseRecord> Rows)> RunAsync(FakeEnvironment env, string args, Dictionary<string, HttpMessageHandler> servers, string config = TwoHosts)
    {
        var db = Path.Combine(env.Root, "metrics.db");
        env.Set("AGON_DB", db);
        env.WriteConfig(config);
        var result = await AgonRunner.RunAsync(env, args, (HostConfig h) => servers[h.Name]);
        if (!File.Exists(db))
        {
            return (result, []);
        }

        using var database = AgonDatabase.Open(db);
        return (result, new ResponseStore(database).Read(new ResponseFilter(), Token).ToList());
    }

    [Fact]
    public async Task Chat_RecordsOneRow_WithTheEnvironmentEveryMetricAndItsSource()
    {
        using var env = new FakeEnvironment();

        var (result, rows) = await RunAsync(env, "chat -p hi", new() { ["router"] = Router("router-basic/12-chat-stream-usage") });

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = Assert.Single(rows);
        Assert.Equal((ResponseKind.Chat, "router", "router", "stories260K", AgonRunner.Now), (row.Kind, row.Host, row.Backend, row.Model, row.Time));
        Assert.False(string.IsNullOrEmpty(row.ServerBuild));
        Assert.Equal((1372.6, MetricSource.Server), (Math.Round(row.Metrics.GenerationTokensPerSecond!.Value.Value, 1), row.Metrics.GenerationTokensPerSecond.Value.Source));
        Assert.Equal((40.0, MetricSource.Server), (row.Metrics.CompletionTokens!.Value.Value, row.Metrics.CompletionTokens.Value.Source));
        Assert.Equal(MetricSource.Client, row.Metrics.TtftMs!.Value.Source);
        Assert.Equal(116.0, row.Metrics.CachedTokens!.Value.Value);
        Assert.Matches("^[0-9a-f]{16}$", row.ParametersHash!);
        Assert.Null(row.Error);
    }

    [Fact]
    public async Task Compare_RecordsEachTarget_AFailureWithItsError()
    {
        using var env = new FakeEnvironment();

        var (result, rows) = await RunAsync(env, "chat -p hi -t router/stories260K -t box/llama3.2 --no-stream",
            new() { ["router"] = Router("router-basic/11-chat"), ["box"] = Ollama("server-error") });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(ResponseKind.Compare, r.Kind));
        var router = rows.Single(r => r.Host == "router");
        Assert.Null(router.Error);
        var box = rows.Single(r => r.Host == "box");
        Assert.Equal(("ollama", "llama3.2"), (box.Backend, box.Model));
        Assert.Contains("llama runner process has terminated", box.Error);
        Assert.NotEqual(router.ParametersHash, box.ParametersHash);
    }

    [Fact]
    public async Task Pipeline_RecordsTheStagesThatRan_NotTheSkippedOnes()
    {
        using var env = new FakeEnvironment();

        var (result, rows) = await RunAsync(env, "chat --pipelineMode -p hi -t box/llama3.2 -t router/stories260K --no-stream",
            new() { ["router"] = Router("router-basic/11-chat"), ["box"] = Ollama("server-error") });

        Assert.Equal(1, result.ExitCode);
        var row = Assert.Single(rows);
        Assert.Equal((ResponseKind.Pipeline, "box"), (row.Kind, row.Host));
        Assert.NotNull(row.Error);
    }

    [Fact]
    public async Task MetricsOff_RecordsNothing_NoDatabaseIsCreated()
    {
        using var env = new FakeEnvironment();
        var config = TwoHosts.Replace("\"metrics\": true", "\"metrics\": false", StringComparison.Ordinal);

        // --no-save: conversations are kept in the same database by default; this checks the metrics alone.
        var (result, rows) = await RunAsync(env, "chat -p hi --no-save", new() { ["router"] = Router("router-basic/12-chat-stream-usage") }, config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(rows);
        Assert.False(File.Exists(Path.Combine(env.Root, "metrics.db")));
    }

    [Fact]
    public async Task UnwritableDatabase_CostsANote_NotTheAnswer()
    {
        using var env = new FakeEnvironment();
        var notADatabase = env.WriteFile("broken.db", new string('x', 4096));
        env.Set("AGON_DB", notADatabase);
        env.WriteConfig(TwoHosts);
        var router = Router("router-basic/12-chat-stream-usage");

        var result = await AgonRunner.RunAsync(env, "chat -p hi", (HostConfig _) => router);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("metrics not recorded: the database ", result.StdErr);
        Assert.Single(result.StdErr.Split('\n'), l => l.Contains("metrics not recorded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DbOption_TheMetricsGoWhereTheConversationGoes()
    {
        using var env = new FakeEnvironment();
        var elsewhere = Path.Combine(env.Root, "elsewhere.db");

        var (result, rows) = await RunAsync(env, $"chat -p hi --db {elsewhere}", new() { ["router"] = Router("router-basic/12-chat-stream-usage") });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(rows);
        using var database = AgonDatabase.Open(elsewhere);
        Assert.Single(new ResponseStore(database).Read(new ResponseFilter(), Token));
        Assert.Single(new Agon.Conversations.ConversationStore(database, TimeProvider.System).List());
    }
}
