using System.Globalization;
using Agon.Terminal;

namespace Agon.Benchmarks;

/// <summary>The human table: one row per target, <c>median (p95)</c> cells (with <c>--concurrency K</c>, also the aggregate tok/s).</summary>
internal static class BenchmarkTable
{
    private static readonly string[] s_headers = ["TARGET", "LOAD ms", "TTFT ms", "PP tok/s", "TG tok/s", "TOTAL ms", "RUNS", "STATUS"];

    public static string Render(IEnumerable<BenchmarkResult> results)
    {
        var list = results.ToList();
        if (!list.Any(r => r.AggregateTokensPerSecond is not null))
        {
            return TextTable.Render(s_headers, list.Select(Row));
        }

        // The aggregate of K requests at once sits next to the per-request generation speed.
        string[] headers = [.. s_headers[..5], "AGG tok/s", .. s_headers[5..]];
        return TextTable.Render(headers, list.Select(r =>
        {
            var row = Row(r).ToList();
            row.Insert(5, r.AggregateTokensPerSecond is { } a ? Cell(a) : "-");
            return (IReadOnlyList<string>)row;
        }));
    }

    public static IReadOnlyList<string> Row(BenchmarkResult r)
    {
        var ok = r.Runs.Count(x => x.Error is null);
        return
        [
            $"{r.Subject.Host}/{r.Subject.Model}",
            r.Load is { } load ? N(load.Value) : "-",
            Cell(r, "ttftMs"),
            Cell(r, "promptTokensPerSecond"),
            Cell(r, "generationTokensPerSecond"),
            Cell(r, "totalMs"),
            string.Create(CultureInfo.InvariantCulture, $"{ok}/{r.Runs.Count}"),
            Status(r),
        ];
    }

    public static string Status(BenchmarkResult r) =>
        r.Error is { } error ? "failed: " + error
        : r.Cancelled ? "cancelled"
        : r.Unstable ? "unstable: " + string.Join("; ", r.Reasons)
        : r.Runs.Any(x => x.Short) ? "ok (short runs)"
        : "ok";

    /// <summary>One line for a finished target: <c>tg 45.1 (p95 47.0) tok/s · pp 812 (830) tok/s · ok</c>.</summary>
    public static string Headline(BenchmarkResult r)
    {
        var parts = new List<string>();
        if (r.Figure("generationTokensPerSecond") is { } tg)
        {
            parts.Add($"tg {Cell(tg)} tok/s");
        }

        if (r.Figure("promptTokensPerSecond") is { } pp)
        {
            parts.Add($"pp {Cell(pp)} tok/s");
        }

        parts.Add(Status(r));
        return string.Join(" · ", parts);
    }

    private static string Cell(BenchmarkResult r, string name) => r.Figure(name) is { } f ? Cell(f) : "-";

    private static string Cell(BenchmarkFigure f) => Cell(f.Statistics);

    private static string Cell(SampleStatistics s) => $"{N(s.Median)} ({N(s.P95)})";

    private static string N(double value) => Figures.Statistic(value);
}
