using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Agon.Tests.Reports;

public sealed class AnalyzeMetricsTests
{
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> Svg(XDocument page, string id) =>
        page.Descendants("svg").Where(s => (string?)s.Attribute("id") == id);

    private static async Task<(CliResult Result, string Html)> RunAsync(FakeEnvironment env, string extra = "")
    {
        var db = ReportSeed.Create(env);
        var result = await AgonRunner.RunAsync(env, $"analyze metrics --db {db} {extra}");
        var path = Path.Combine(env.CurrentDirectory, "reports", "metrics-report.html");
        return (result, File.Exists(path) ? await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken) : "");
    }

    [Fact]
    public async Task Report_IsOneOfflineWellFormedFile_AtAgonsDefaultPath()
    {
        using var env = new FakeEnvironment();

        var (result, html) = await RunAsync(env);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wrote " + Path.Combine(env.CurrentDirectory, "reports", "metrics-report.html"), result.StdOut);
        var counts = System.Text.RegularExpressions.Regex.Match(result.StdOut, @"(\d+) target(s?) from (\d+) response(s?)\)");
        Assert.True(counts.Success, result.StdOut);
        Assert.Equal(counts.Groups[1].Value == "1", counts.Groups[2].Value.Length == 0);
        Assert.Equal(counts.Groups[3].Value == "1", counts.Groups[4].Value.Length == 0);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        var page = Parse(html);
        Assert.Equal("utf-8", (string?)page.Descendants("meta").First().Attribute("charset"));
        Assert.Contains("prefers-color-scheme: dark", page.Descendants("style").Single().Value);
        Assert.Single(page.Descendants("script"));
    }

    [Fact]
    public async Task EveryChart_HasItsDataPoints()
    {
        using var env = new FakeEnvironment();

        var (_, html) = await RunAsync(env);
        var page = Parse(html);

        foreach (var id in new[] { "generation", "prompt", "ttft", "load" })
        {
            var chart = Assert.Single(Svg(page, id));
            var bars = chart.Descendants("rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
            Assert.Equal(3, bars.Count);
            Assert.Equal("3", (string?)chart.Attribute("data-points"));
        }

        // Latest benchmark of each target: median and p95 (nearest rank of 3 = the maximum).
        var generation = Svg(page, "generation").Single().Descendants("rect").ToDictionary(r => (string)r.Attribute("data-label")!, r => ((string)r.Attribute("data-median")!, (string)r.Attribute("data-p95")!));
        Assert.Equal(("30", "31"), generation["gpu/qwen3:8b"]);
        Assert.Equal(("5.5", "6"), generation["pi/qwen3:8b"]);
        Assert.Equal(("10", "11"), generation["pi/phi4"]);

        var across = Assert.Single(Svg(page, "across-0"));
        Assert.Equal(["gpu", "pi"], across.Descendants("rect").Select(r => (string)r.Attribute("data-label")!));

        var trends = page.Descendants("svg").Where(s => ((string?)s.Attribute("class") ?? "").Contains("trend", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, trends.Count);
        var gpu = trends.Single(t => t.Descendants("circle").Count() == 3);
        Assert.Equal(["51", "50", "30"], gpu.Descendants("circle").Select(c => (string)c.Attribute("data-value")!));
        Assert.Contains("regression", (string)gpu.Attribute("class")!);

        var scatter = Assert.Single(Svg(page, "accuracy"));
        var dots = scatter.Descendants("circle").ToDictionary(c => (string)c.Attribute("data-label")!, c => (string)c.Attribute("class")!);
        Assert.Equal(3, dots.Count);
        Assert.Equal("dot pareto", dots["gpu/qwen3:8b"]);
        Assert.Equal("dot pareto", dots["pi/phi4"]);
        Assert.Equal("dot", dots["pi/qwen3:8b"]);
        Assert.Single(scatter.Descendants("polyline"));
    }

    [Fact]
    public async Task Table_IsSortable_AndFlagsTheRegression()
    {
        using var env = new FakeEnvironment();

        var (_, html) = await RunAsync(env);
        var page = Parse(html);

        var table = page.Descendants("table").Single(t => (string?)t.Attribute("id") == "targets");
        Assert.Equal("sortable", (string?)table.Attribute("class"));
        var rows = table.Descendants("tbody").Single().Elements("tr").ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows.SelectMany(r => r.Elements("td")), td => Assert.NotNull(td.Attribute("data-sort")));
        Assert.Contains("Regression: latest 30 tok/s is 41 % below the median 50.5 tok/s of 2 earlier benchmarks", html);
    }

    [Fact]
    public async Task Json_IsTheSameAnalysis()
    {
        using var env = new FakeEnvironment();

        var (result, _) = await RunAsync(env, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("analyze-metrics", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var targets = json.RootElement.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(["gpu/qwen3:8b", "pi/phi4", "pi/qwen3:8b"], targets.Select(t => t.GetProperty("host").GetString() + "/" + t.GetProperty("model").GetString()));
        Assert.Equal(0.8, targets[0].GetProperty("accuracy").GetDouble());
        Assert.StartsWith("latest 30 tok/s", targets[0].GetProperty("regression").GetString());
        Assert.Equal(3, targets[0].GetProperty("history").GetArrayLength());
        Assert.Equal(1500, targets[0].GetProperty("loadMs").GetProperty("median").GetDouble());
        Assert.Equal(5, json.RootElement.GetProperty("benchmarks").GetInt32());
        Assert.Contains("wrote ", result.StdErr);
    }

    [Fact]
    public async Task Filters_ByHostModelAndSince()
    {
        using var env = new FakeEnvironment();

        var (result, _) = await RunAsync(env, "--json --host PI --model phi4 --since 2026-11-10");

        Assert.True(result.ExitCode == 0, result.ToString());
        Schemas.AssertValid("analyze-metrics", result.StdOut);
        using var json = JsonDocument.Parse(result.StdOut);
        var target = Assert.Single(json.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("phi4", target.GetProperty("model").GetString());
        Assert.Equal(14, json.RootElement.GetProperty("rows").GetInt64()); // 4 benchmark rows + 10 answers
    }

    [Fact]
    public void Since_AcceptsAgesAndDates()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddDays(-7), Agon.Cli.AnalyzeMetricsCommand.ParseSince("7d", now));
        Assert.Equal(now.AddHours(-12), Agon.Cli.AnalyzeMetricsCommand.ParseSince("12h", now));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Agon.Cli.AnalyzeMetricsCommand.ParseSince("2026-11-01", now));
    }

    [Fact]
    public async Task BadSince_IsAUsageError()
    {
        using var env = new FakeEnvironment();

        var (result, _) = await RunAsync(env, "--since yesterday");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --since: expected a date (2026-11-25) or an age (30m, 12h, 7d, 2w), got 'yesterday'", result.StdErr);
    }

    [Fact]
    public async Task EmptyDatabase_WritesTheReport_AndSaysHowToMeasure()
    {
        using var env = new FakeEnvironment();
        var db = Path.Combine(env.Root, "empty.db");
        using (Agon.Storage.AgonDatabase.Open(db))
        {
        }

        var result = await AgonRunner.RunAsync(env, $"analyze metrics --db {db}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 targets from 0 responses)", result.StdOut, StringComparison.Ordinal);
        Assert.Equal($"{db} holds no measurements yet: agon benchmark --target host/model measures one (and chats are kept with metrics: true)", result.StdErr.Trim());
    }

    [Fact]
    public async Task NoResponseMatchesTheFilter_SaysSo()
    {
        using var env = new FakeEnvironment();

        var (result, _) = await RunAsync(env, "--host nosuch");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 targets from 0 responses", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("no stored response in ", result.StdErr, StringComparison.Ordinal);
        Assert.EndsWith(" matches the --host given", result.StdErr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDatabase_SaysWhatToDo_Exit1()
    {
        using var env = new FakeEnvironment();
        var missing = Path.Combine(env.Root, "none.db");

        var result = await AgonRunner.RunAsync(env, $"analyze metrics --db {missing}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: no metrics database at {missing}: run agon benchmark first, or point --db or AGON_DB at one", result.StdErr);
        Assert.False(File.Exists(missing));
    }
}
