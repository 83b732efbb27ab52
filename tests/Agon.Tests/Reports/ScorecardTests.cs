using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Agon.Metrics;
using Agon.Storage;

namespace Agon.Tests.Reports;

/// <summary>The scorecard of <c>agon analyze metrics</c>: accuracy against speed, JSON validity, tool-call success, RAG off against on.</summary>
public sealed class ScorecardTests
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static void Answer(ResponseStore store, string model, bool correct, string? phase = null, bool? json = null, bool? tool = null, double tps = 20) =>
        store.Append(new ResponseRecord
        {
            Time = s_time,
            Kind = ResponseKind.Accuracy,
            Host = "gpu",
            Model = model,
            Phase = phase,
            Correct = correct,
            JsonValid = json,
            ToolCallOk = tool,
            Metrics = new ResponseMetrics { GenerationTokensPerSecond = Metric.Server(tps) },
        });

    private static string Seed(FakeEnvironment env)
    {
        var path = Path.Combine(env.Root, "agon.db");
        using var db = AgonDatabase.Open(path);
        var store = new ResponseStore(db);
        bool[] plain = [true, true, true, false];
        bool[] off = [true, false, false, false];
        bool[] on = [true, true, true, false];
        for (var i = 0; i < 4; i++)
        {
            Answer(store, "qwen3", plain[i], json: i < 3, tool: i < 2 ? i == 0 : null);
            Answer(store, "qwen3", off[i], MetricsPhase.Off);
            Answer(store, "qwen3", on[i], MetricsPhase.On);
            Answer(store, "phi4", i < 3, tps: 40);
        }

        // A chat that asked for JSON and got none (metrics: true), no accuracy figure.
        store.Append(new ResponseRecord { Time = s_time, Kind = ResponseKind.Chat, Host = "gpu", Model = "qwen3", JsonValid = false });
        return path;
    }

    private static class MetricsPhase
    {
        public const string Off = Agon.Reports.MetricsAnalyzer.RagOffPhase;
        public const string On = Agon.Reports.MetricsAnalyzer.RagOnPhase;
    }

    [Fact]
    public async Task Json_AccuracyLeavesRagOnOut_RatesPerTarget()
    {
        using var env = new FakeEnvironment();
        var db = Seed(env);

        var result = await AgonRunner.RunAsync(env, $"analyze metrics --db {db} --json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("analyze-metrics", result.StdOut);
        var targets = JsonNode.Parse(result.StdOut)!["targets"]!.AsArray();
        var qwen = targets.Single(t => (string?)t!["model"] == "qwen3")!;
        Assert.Equal((0.5, 8), ((double)qwen["accuracy"]!, (int)qwen["accuracyAnswers"]!));      // 3/4 plain + 1/4 off
        Assert.Equal((0.25, 0.75, 4), ((double)qwen["accuracyRagOff"]!, (double)qwen["accuracyRagOn"]!, (int)qwen["ragOnAnswers"]!));
        Assert.Equal((0.6, 5), ((double)qwen["jsonValidity"]!, (int)qwen["jsonAnswers"]!));      // 3 of 4 answers, the chat's invalid
        Assert.Equal((0.5, 2), ((double)qwen["toolCallSuccess"]!, (int)qwen["toolCallAnswers"]!));
        var phi = targets.Single(t => (string?)t!["model"] == "phi4")!;
        Assert.Null(phi["accuracyRagOn"]);
        Assert.Null(phi["jsonValidity"]);
        Assert.True((bool)phi["onParetoFront"]!);    // 75 % at 40 tok/s beats 50 % at 20
        Assert.False((bool)qwen["onParetoFront"]!);
    }

    [Fact]
    public async Task Html_ScorecardRows_ShowTheRagGain()
    {
        using var env = new FakeEnvironment();
        var db = Seed(env);

        var result = await AgonRunner.RunAsync(env, $"analyze metrics --db {db}");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var reader = XmlReader.Create(Path.Combine(env.CurrentDirectory, "reports", "metrics-report.html"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var table = XDocument.Load(reader).Descendants("table").Single(t => (string?)t.Attribute("id") == "scorecard");
        var rows = table.Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Select(c => c.Value).ToList()).ToList();
        Assert.Equal(["gpu/phi4", "75 % (4)", "40", "yes", "–", "–", "–", "–", "–"], rows[0]);
        Assert.Equal(["gpu/qwen3", "50 % (8)", "20", "", "60 % (5)", "50 % (2)", "25 %", "75 % (4)", "+50 pts"], rows[1]);
    }
}
