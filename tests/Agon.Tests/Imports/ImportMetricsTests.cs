using System.Text.Json;
using Agon.Storage;

namespace Agon.Tests.Imports;

/// <summary><c>agon import metrics</c> over agon's three formats (Fixtures/agon: written from the inventory, not recorded).</summary>
public sealed class ImportMetricsTests
{
    private static readonly DateTime s_fileTime = new(2025, 5, 30, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Db(FakeEnvironment env) => Path.Combine(env.Root, "agon.db");

    /// <summary>A copy of a fixture in the test's folder, with a known modification time.</summary>
    private static string Fixture(FakeEnvironment env, string name)
    {
        var path = Path.Combine(env.Root, name);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "agon", name), path);
        File.SetLastWriteTimeUtc(path, s_fileTime);
        return path;
    }

    private static List<ResponseRecord> Rows(FakeEnvironment env)
    {
        using var db = AgonDatabase.Open(Db(env));
        return new ResponseStore(db).Read(new ResponseFilter(), Token).ToList();
    }

    [Fact]
    public async Task MetricsFile_BecomesOneSummaryRowPerModelAndBucket_UnderTheGivenHost()
    {
        using var env = new FakeEnvironment();
        var file = Fixture(env, "model_performance_metrics.json");

        var result = await AgonRunner.RunAsync(env, $"import metrics {file} --host Ollama01 --db {Db(env)}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{file}: agon metrics file, 4 rows", result.StdOut);
        var rows = Rows(env);
        Assert.Equal(["qwen3:1.7b overall", "qwen3:1.7b input tokens 0-256", "qwen3:1.7b input tokens 257-1024", "llama3.2:3b overall"], rows.Select(r => $"{r.Model} {r.Phase}"));
        Assert.All(rows, r => Assert.Equal((ResponseKind.Summary, "Ollama01", file, s_fileTime), (r.Kind, r.Host, r.Origin, r.Time.UtcDateTime)));
        var overall = rows[0];
        Assert.Equal(12, overall.Summarised);
        Assert.Equal((420.5, Agon.Metrics.MetricSource.Client), (overall.Metrics.TtftMs!.Value.Value, overall.Metrics.TtftMs.Value.Source));
        Assert.Equal((6.2, Agon.Metrics.MetricSource.Server), (overall.Metrics.GenerationTokensPerSecond!.Value.Value, overall.Metrics.GenerationTokensPerSecond.Value.Source));
        Assert.Equal((58.0, 210.0, 35000.0), (overall.Metrics.PromptTokens!.Value.Value, overall.Metrics.CompletionTokens!.Value.Value, overall.Metrics.TotalMs!.Value.Value));
    }

    [Fact]
    public async Task BenchmarkJson_BecomesOneBenchmarkWithItsIterations_DurationsFromNanoseconds()
    {
        using var env = new FakeEnvironment();
        var file = Fixture(env, "qwen3-1.7b-3.json");

        var result = await AgonRunner.RunAsync(env, $"import metrics {file} --db {Db(env)}");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Rows(env);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((ResponseKind.Benchmark, "run", "unknown", "qwen3:1.7b"), (r.Kind, r.Phase, r.Host, r.Model)));
        Assert.Single(rows.Select(r => r.RunId).Distinct());
        Assert.Equal([120.0, 123.0, 126.0], rows.Select(r => r.Metrics.TotalMs!.Value.Value));
        Assert.Equal([4.0, 4.5, 5.0], rows.Select(r => r.Metrics.TtftMs!.Value.Value));
        Assert.Equal([5.3, 5.1, 4.9], rows.Select(r => r.Metrics.GenerationTokensPerSecond!.Value.Value));
        Assert.All(rows, r => Assert.Equal(Agon.Metrics.MetricSource.Client, r.Metrics.GenerationTokensPerSecond!.Value.Source));
        Assert.All(rows, r => Assert.Equal((21.0, 12.0), (r.Metrics.PromptTokens!.Value.Value, r.Metrics.CompletionTokens!.Value.Value)));
        using var db = AgonDatabase.Open(Db(env));
        var run = Assert.Single(new ResponseStore(db).ReadBenchmarks(new ResponseFilter()));
        Assert.Equal((rows[0].RunId, 3, "agon (imported)"), (run.RunId, run.Runs, run.AgonVersion));
    }

    [Fact]
    public async Task AccuracyJsonl_KeepsHostCorrectnessAndTheExceededDeadline()
    {
        using var env = new FakeEnvironment();
        var file = Fixture(env, "qwen3-1.7b.jsonl");

        var result = await AgonRunner.RunAsync(env, $"import metrics {file} --db {Db(env)}");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Rows(env);
        Assert.Equal([true, false, true, false], rows.Select(r => r.Correct!.Value));
        Assert.All(rows, r => Assert.Equal((ResponseKind.Accuracy, "Ollama01", "qwen3:1.7b"), (r.Kind, r.Host, r.Model)));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero), rows[0].Time);
        Assert.Equal((120.0, 6.1, 58.0, 2.0, 900.0), (rows[0].Metrics.TtftMs!.Value.Value, rows[0].Metrics.GenerationTokensPerSecond!.Value.Value,
            rows[0].Metrics.PromptTokens!.Value.Value, rows[0].Metrics.CompletionTokens!.Value.Value, rows[0].Metrics.TotalMs!.Value.Value));
        Assert.Null(rows[0].Error);
        Assert.Equal("deadline of 600 s exceeded", rows[3].Error);
        Assert.Null(rows[3].Metrics.GenerationTokensPerSecond);
    }

    [Fact]
    public async Task ImportingTwice_AddsNothing_AndSaysSo()
    {
        using var env = new FakeEnvironment();
        var files = string.Join(' ', new[] { "model_performance_metrics.json", "qwen3-1.7b-3.json", "qwen3-1.7b.jsonl" }.Select(f => Fixture(env, f)));

        var first = await AgonRunner.RunAsync(env, $"import metrics {files} --db {Db(env)}");
        var second = await AgonRunner.RunAsync(env, $"import metrics {files} --db {Db(env)}");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"imported 11 new rows into {Db(env)} (0 already there)", first.StdOut);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"imported 0 new rows into {Db(env)} (11 already there)", second.StdOut);
        Assert.Equal(11, Rows(env).Count);
        using var db = AgonDatabase.Open(Db(env));
        Assert.Single(new ResponseStore(db).ReadBenchmarks(new ResponseFilter()));
    }

    [Fact]
    public async Task ImportedHistory_ShowsInTheReport_WithAccuracy()
    {
        using var env = new FakeEnvironment();
        var files = $"{Fixture(env, "qwen3-1.7b-3.json")} {Fixture(env, "qwen3-1.7b.jsonl")}";

        var import = await AgonRunner.RunAsync(env, $"import metrics {files} --host Ollama01 --db {Db(env)}");
        var report = await AgonRunner.RunAsync(env, $"analyze metrics --json --db {Db(env)}");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(report.ExitCode == 0, report.ToString());
        Schemas.AssertValid("analyze-metrics", report.StdOut);
        using var json = JsonDocument.Parse(report.StdOut);
        var target = Assert.Single(json.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal(("Ollama01", "qwen3:1.7b", "benchmark", 0.5), (target.GetProperty("host").GetString(), target.GetProperty("model").GetString(),
            target.GetProperty("basis").GetString(), target.GetProperty("accuracy").GetDouble()));
        Assert.Equal(5.1, target.GetProperty("generationTokensPerSecond").GetProperty("median").GetDouble());
    }

    [Theory]
    [InlineData("missing.json", null, "no such file")]
    [InlineData("folder", null, "it is a folder, not a file")]
    [InlineData("empty.json", "  \n", "the file is empty")]
    [InlineData("other.json", """{"hello": "world"}""", "it is not agon's metrics file (model_performance_metrics.json), a benchmark JSON or an accuracy JSONL")]
    [InlineData("notes.txt", "just some notes\n", "it is not agon's metrics file (model_performance_metrics.json), a benchmark JSON or an accuracy JSONL")]
    [InlineData("cut.jsonl", "{\"host\":\"a\",\"model\":\"m\",\"promptId\":1,\"correct\":true}\n{\"host\":\"a\",\"mod", "line 2 is not JSON")]
    [InlineData("odd.jsonl", "{\"host\":\"a\",\"model\":\"m\",\"promptId\":1,\"correct\":true}\n{\"host\":\"a\"}\n", "line 2 is not an accuracy result (it needs model, promptId and correct)")]
    [InlineData("nameless.json", """[{"overall_stats": {"total_requests": 1}}]""", "an entry has no model_name")]
    public async Task BadFile_IsOneLineError_Exit1_AndNothingIsImported(string name, string? content, string why)
    {
        using var env = new FakeEnvironment();
        var good = Fixture(env, "qwen3-1.7b.jsonl");
        var bad = Path.Combine(env.Root, name);
        if (name == "folder")
        {
            Directory.CreateDirectory(bad);
        }
        else if (content is not null)
        {
            await File.WriteAllTextAsync(bad, content, Token);
        }

        var result = await AgonRunner.RunAsync(env, $"import metrics {good} {bad} --db {Db(env)}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot import {bad}: {why}", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
        Assert.False(File.Exists(Db(env)), "a bad file imports nothing, not even an empty database");
    }

    [Fact]
    public async Task NoFile_IsAUsageError()
    {
        using var env = new FakeEnvironment();

        var result = await AgonRunner.RunAsync(env, $"import metrics --db {Db(env)}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("FILE", result.StdErr);
    }
}
