using System.Globalization;
using System.Text;

namespace Agon.Reports;

/// <summary>
/// Renders the analysis as one self-contained HTML file: UTF-8, inline CSS (light and dark by
/// <c>prefers-color-scheme</c>), SVG charts drawn here, a sortable table with a few lines of inline script, and
/// no reference to anything outside the file. The markup is also well-formed XML, so tests can parse it.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1d232a; --muted: #5c6773; --bar: #3b82c4; --whisker: #1d232a; --grid: #d5dbe1; --bad: #c0392b; --good: #1e8449; --card: #f4f6f8; }
        @media (prefers-color-scheme: dark) { :root { --bg: #15191e; --fg: #e6e9ec; --muted: #9aa5b1; --bar: #5fa8e8; --whisker: #e6e9ec; --grid: #39424c; --bad: #ff7b6b; --good: #58d68d; --card: #1f252c; } }
        body { background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
        h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid var(--grid); padding-bottom: .2rem; }
        .meta, .note { color: var(--muted); } .regression-note, td.bad { color: var(--bad); } td.good { color: var(--good); }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--grid); white-space: nowrap; }
        th { cursor: pointer; user-select: none; } th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
        td.num { text-align: right; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: .5rem 0 1rem; }
        svg .bar { fill: var(--bar); } svg .whisker { stroke: var(--whisker); stroke-width: 1.5; }
        svg text { fill: var(--fg); font-size: 12px; } svg .axis { fill: var(--muted); } svg .axisline { stroke: var(--grid); }
        svg .line { fill: none; stroke: var(--bar); stroke-width: 2; } svg.regression .line { stroke: var(--bad); } svg .pt { fill: var(--bar); }
        svg .dot { fill: var(--muted); } svg .dot.pareto { fill: var(--good); } svg .front { fill: none; stroke: var(--good); stroke-dasharray: 4 3; }
        .trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; }
        .card { background: var(--card); border-radius: 6px; padding: .6rem .8rem; }
        """;

    private const string Script = """
        //<![CDATA[
        document.querySelectorAll('table.sortable th').forEach(function (th, col) {
          th.addEventListener('click', function () {
            var table = th.closest('table'), body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
            var ascending = th.getAttribute('aria-sort') !== 'ascending';
            table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            rows.sort(function (a, b) {
              var x = a.cells[col].getAttribute('data-sort'), y = b.cells[col].getAttribute('data-sort');
              var nx = parseFloat(x), ny = parseFloat(y);
              var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
              return ascending ? order : -order;
            });
            rows.forEach(function (r) { body.appendChild(r); });
          });
        });
        document.body.setAttribute('data-ready', 'true');
        //]]>
        """;

    public static string Render(MetricsAnalysis analysis)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Append("<title>Agon metrics report</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Agon metrics report</h1><p class=\"meta\">")
            .Append(Html.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Generated {analysis.Generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC by Agon {analysis.AgonVersion} from {analysis.Rows} stored responses and {analysis.Benchmarks} benchmarks")))
            .Append(Html.Escape(Filters(analysis))).Append(".</p>");
        if (analysis.Targets.Count == 0)
        {
            html.Append("<p class=\"note\">No stored responses match. Run <code>agon benchmark</code> (or chat with <code>metrics: true</code>) first.</p>");
        }
        else
        {
            Table(html, analysis.Targets);
            Scorecard(html, analysis.Targets);
            Charts(html, analysis.Targets);
        }

        html.Append("<script>").Append(Script).Append("</script></body></html>\n");
        return html.ToString();
    }

    private static string Filters(MetricsAnalysis analysis)
    {
        var parts = new List<string>();
        if (analysis.Since is { } since)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        }

        if (analysis.Hosts.Count > 0)
        {
            parts.Add("hosts " + string.Join(", ", analysis.Hosts));
        }

        if (analysis.Models.Count > 0)
        {
            parts.Add("models " + string.Join(", ", analysis.Models));
        }

        return parts.Count == 0 ? "" : "; " + string.Join("; ", parts);
    }

    private static void Table(StringBuilder html, IReadOnlyList<TargetSummary> targets)
    {
        html.Append("<h2>Targets</h2><table class=\"sortable\" id=\"targets\"><thead><tr>");
        foreach (var header in new[] { "Host", "Model", "Backend", "Quant", "Gen tok/s", "Prompt tok/s", "TTFT ms", "Load ms", "Responses", "Accuracy", "Status" })
        {
            html.Append("<th>").Append(header).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var t in targets)
        {
            html.Append("<tr>");
            Cell(html, t.Host);
            Cell(html, t.Model);
            Cell(html, t.Backend);
            Cell(html, t.Quantization ?? "");
            Cell(html, t.GenerationTokensPerSecond);
            Cell(html, t.PromptTokensPerSecond);
            Cell(html, t.TtftMs);
            Cell(html, t.LoadMs);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{t.Responses}\">{t.Responses}</td>");
            html.Append(t.Accuracy is { } a
                ? string.Create(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{Svg.F(a)}\">{Svg.F(a * 100)} % ({t.AccuracyAnswers})</td>")
                : "<td class=\"num\" data-sort=\"-1\">–</td>");
            var status = t.Regression is not null ? "regression" : t.OnParetoFront ? "Pareto front" : t.Basis;
            html.Append("<td class=\"").Append(t.Regression is not null ? "bad" : t.OnParetoFront ? "good" : "").Append("\" data-sort=\"").Append(status).Append("\">")
                .Append(Html.Escape(status)).Append("</td></tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Cells are median (p95) of the latest benchmark, or of every stored response where a target has no benchmark. Click a heading to sort.</p>");
    }

    /// <summary>
    /// Whether each target is worth it: accuracy against speed (with the Pareto front), JSON validity, tool-call
    /// success, and accuracy without and with retrieved context. Only targets with any of these figures.
    /// </summary>
    private static void Scorecard(StringBuilder html, IReadOnlyList<TargetSummary> targets)
    {
        var scored = targets.Where(t => t.Accuracy is not null || t.JsonValidity is not null || t.ToolCallSuccess is not null || t.AccuracyRagOn is not null).ToList();
        if (scored.Count == 0)
        {
            return;
        }

        html.Append("<h2>Scorecard</h2><table class=\"sortable\" id=\"scorecard\"><thead><tr>");
        foreach (var header in new[] { "Target", "Accuracy", "Gen tok/s", "Front", "JSON valid", "Tool calls", "RAG off", "RAG on", "RAG gain" })
        {
            html.Append("<th>").Append(header).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var t in scored)
        {
            html.Append("<tr>");
            Cell(html, t.Label);
            Rate(html, t.Accuracy, t.AccuracyAnswers);
            html.Append(t.GenerationTokensPerSecond is { } speed
                ? $"<td class=\"num\" data-sort=\"{Svg.F(speed.Median)}\">{Svg.F(speed.Median)}</td>"
                : "<td class=\"num\" data-sort=\"-1\">–</td>");
            html.Append(t.OnParetoFront ? "<td class=\"good\" data-sort=\"1\">yes</td>" : "<td data-sort=\"0\"></td>");
            Rate(html, t.JsonValidity, t.JsonAnswers);
            Rate(html, t.ToolCallSuccess, t.ToolCallAnswers);
            Rate(html, t.AccuracyRagOff, null);
            Rate(html, t.AccuracyRagOn, t.RagOnAnswers);
            if (t.AccuracyRagOn is { } on && t.AccuracyRagOff is { } off)
            {
                var gain = (on - off) * 100;
                html.Append("<td class=\"num ").Append(gain > 0 ? "good" : gain < 0 ? "bad" : "").Append(CultureInfo.InvariantCulture, $"\" data-sort=\"{Svg.F(gain)}\">{(gain > 0 ? "+" : "")}{Svg.F(gain)} pts</td>");
            }
            else
            {
                html.Append("<td class=\"num\" data-sort=\"-1000\">–</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Accuracy counts plain runs and the RAG-off pass; RAG on is <code>agon accuracy --rag</code> with the retrieved context, never mixed in. ")
            .Append("JSON valid: responses that asked for JSON (jsonMode, a schema, an is-json check). Tool calls: answers with a tool-call check. Front: no other target is both more accurate and faster.</p>");
    }

    private static void Rate(StringBuilder html, double? rate, int? count) => html.Append(rate is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{Svg.F(r)}\">{Svg.F(r * 100)} %{(count is { } n ? $" ({n})" : "")}</td>")
        : "<td class=\"num\" data-sort=\"-1\">–</td>");

    private static void Cell(StringBuilder html, string text) =>
        html.Append("<td data-sort=\"").Append(Html.Escape(text)).Append("\">").Append(Html.Escape(text)).Append("</td>");

    private static void Cell(StringBuilder html, Spread? spread) => html.Append(spread is { } s
        ? $"<td class=\"num\" data-sort=\"{Svg.F(s.Median)}\">{Svg.F(s.Median)} ({Svg.F(s.P95)})</td>"
        : "<td class=\"num\" data-sort=\"-1\">–</td>");

    private static void Charts(StringBuilder html, IReadOnlyList<TargetSummary> targets)
    {
        html.Append("<h2>Speed per target</h2>");
        Bars(html, "generation", "Generation tok/s per target", "tok/s", targets, t => t.GenerationTokensPerSecond);
        Bars(html, "prompt", "Prompt tok/s per target", "tok/s", targets, t => t.PromptTokensPerSecond);
        Bars(html, "ttft", "Time to first token per target", "ms", targets, t => t.TtftMs);
        Bars(html, "load", "Load time per target", "ms", targets, t => t.LoadMs);

        var shared = targets.GroupBy(t => t.Model, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(t => t.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1).ToList();
        if (shared.Count > 0)
        {
            html.Append("<h2>The same model across hosts</h2>");
            var index = 0;
            foreach (var group in shared)
            {
                var items = group.Where(t => t.GenerationTokensPerSecond is not null).Select(t => (t.Host, t.GenerationTokensPerSecond!)).ToList();
                if (items.Count > 0)
                {
                    html.Append("<h3>").Append(Html.Escape(group.Key)).Append("</h3>")
                        .Append(Svg.Bars(string.Create(CultureInfo.InvariantCulture, $"across-{index++}"), $"{group.Key}: generation tok/s by host", "tok/s", items));
                }
            }
        }

        var trends = targets.Where(t => t.History.Count > 0).ToList();
        if (trends.Count > 0)
        {
            html.Append("<h2>Over time</h2><p class=\"note\">Median generation tok/s of each benchmark; a regression is the latest more than 15 % below the median of the earlier ones.</p><div class=\"trends\">");
            var index = 0;
            foreach (var t in trends)
            {
                html.Append("<div class=\"card\"><strong>").Append(Html.Escape(t.Label)).Append("</strong>")
                    .Append(Svg.Trend(string.Create(CultureInfo.InvariantCulture, $"trend-{index++}"), $"{t.Label}: generation tok/s over time", t.History, t.Regression is not null));
                if (t.Regression is { } regression)
                {
                    html.Append("<p class=\"regression-note\">Regression: ").Append(Html.Escape(regression)).Append("</p>");
                }

                html.Append("</div>");
            }

            html.Append("</div>");
        }

        var accuracy = targets.Where(t => t.Accuracy is not null && t.GenerationTokensPerSecond is not null).ToList();
        if (accuracy.Count > 0)
        {
            html.Append("<h2>Accuracy against generation speed</h2><p class=\"note\">Green points are the Pareto front: no other target is both more accurate and faster.</p>")
                .Append(Svg.Scatter("accuracy", "Accuracy against generation tok/s", accuracy));
        }
    }

    private static void Bars(StringBuilder html, string id, string title, string unit, IReadOnlyList<TargetSummary> targets, Func<TargetSummary, Spread?> figure)
    {
        var items = targets.Where(t => figure(t) is not null).Select(t => (t.Label, figure(t)!)).ToList();
        if (items.Count > 0)
        {
            html.Append("<h3>").Append(Html.Escape(title)).Append("</h3>").Append(Svg.Bars(id, title, unit, items));
        }
    }
}
