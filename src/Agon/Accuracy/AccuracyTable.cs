using System.Globalization;
using Agon.Terminal;

namespace Agon.Accuracy;

/// <summary>The human summary: one row per target (and RAG mode), then its score by category and by difficulty.</summary>
internal static class AccuracyTable
{
    public static string Render(IReadOnlyList<AccuracySummary> summaries)
    {
        var rag = summaries.Any(s => s.RagMode is not null);
        string[] headers = rag
            ? ["TARGET", "RAG", "PASS@1", "SCORE", "JSON OK", "TOOLS OK", "TG tok/s", "ERRORS"]
            : ["TARGET", "PASS@1", "SCORE", "JSON OK", "TOOLS OK", "TG tok/s", "ERRORS"];
        var table = TextTable.Render(headers, summaries.Select(s =>
        {
            List<string> row = [s.Target];
            if (rag)
            {
                row.Add(s.RagMode ?? "-");
            }

            row.AddRange([PassCell(s), Percent(s.Score), Percent(s.JsonValidity), Percent(s.ToolCallSuccess),
                s.MedianTokensPerSecond is { } tps ? tps.ToString("0.0", CultureInfo.InvariantCulture) : "-", Errors(s)]);
            return (IReadOnlyList<string>)row;
        }));
        var lines = new List<string> { table };
        foreach (var s in summaries.Where(s => s.Answers > 0))
        {
            lines.Add("");
            lines.Add(s.Target + (s.RagMode is { } m ? $" (rag {m})" : "") + ":");
            lines.Add("  by category: " + string.Join(" · ", s.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {Percent(c.Value)}")));
            if (s.ByDifficulty.Count > 0)
            {
                lines.Add("  by difficulty: " + string.Join(" · ", s.ByDifficulty.OrderBy(c => double.Parse(c.Key, CultureInfo.InvariantCulture)).Select(c => $"{c.Key} {Percent(c.Value)}")));
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary><c>80 % (20/25)</c>; with several runs also the spread: <c>80 % (min 76, max 84, sd 3.2)</c>.</summary>
    public static string PassCell(AccuracySummary s) =>
        s.PassAt1 is not { } p ? "-"
        : s.PassAt1Min is { } min
            ? string.Create(CultureInfo.InvariantCulture, $"{Percent(p)} (min {min * 100:0.#}, max {s.PassAt1Max * 100:0.#}, sd {s.PassAt1StdDev * 100:0.#})")
            : string.Create(CultureInfo.InvariantCulture, $"{Percent(p)} ({s.Passed}/{s.Answers})");

    public static string Headline(AccuracySummary s) =>
        $"pass@1 {PassCell(s)} · score {Percent(s.Score)}" + (s.FailedRequests > 0 ? " · " + Errors(s) : "") + (s.Cancelled ? " · cancelled" : "");

    private static string Errors(AccuracySummary s) =>
        s.FailedRequests == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{s.FailedRequests} ({string.Join(", ", s.ErrorKinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value} {k.Key}"))})");

    private static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-";
}
