using System.Globalization;
using System.Text;

namespace Agon.Reports;

/// <summary>Hand-drawn SVG charts for the report: bars with p95 whiskers, trend lines, and a scatter with its Pareto front.</summary>
internal static class Svg
{
    private const int Width = 720;
    private const int LabelWidth = 220;
    private const int RowHeight = 22;

    /// <summary>One bar per item at its median, a whisker out to its p95.</summary>
    public static string Bars(string id, string title, string unit, IReadOnlyList<(string Label, Spread Value)> items)
    {
        var height = (items.Count * RowHeight) + 30;
        var max = Math.Max(items.Count == 0 ? 1 : items.Max(i => Math.Max(i.Value.P95, i.Value.Median)), 1e-9);
        var scale = (Width - LabelWidth - 90) / max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" data-points=\"{items.Count}\">");
        svg.Append("<title>").Append(Html.Escape(title)).Append("</title>");
        for (var i = 0; i < items.Count; i++)
        {
            var (label, value) = items[i];
            var y = 10 + (i * RowHeight);
            var w = Math.Max(1, value.Median * scale);
            var p95 = LabelWidth + (value.P95 * scale);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\">{Html.Escape(Shorten(label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{F(w)}\" height=\"{RowHeight - 8}\" data-label=\"{Html.Escape(label)}\" data-median=\"{F(value.Median)}\" data-p95=\"{F(value.P95)}\"><title>{Html.Escape(label)}: median {F(value.Median)} {unit}, p95 {F(value.P95)} {unit}, n {value.N}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"whisker\" x1=\"{F(LabelWidth + w)}\" x2=\"{F(p95)}\" y1=\"{y + 11}\" y2=\"{y + 11}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"whisker\" x1=\"{F(p95)}\" x2=\"{F(p95)}\" y1=\"{y + 5}\" y2=\"{y + 17}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{F(Math.Max(p95, LabelWidth + w) + 6)}\" y=\"{y + 14}\">{F(value.Median)} ({F(value.P95)})</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{LabelWidth}\" y=\"{height - 4}\">{Html.Escape(unit)} — median (p95)</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A small line of a target's benchmarks over time (median generation tok/s each).</summary>
    public static string Trend(string id, string title, IReadOnlyList<TrendPoint> points, bool regression)
    {
        const int W = 320, H = 80, Pad = 8;
        var min = points.Min(p => p.GenerationTokensPerSecond);
        var max = points.Max(p => p.GenerationTokensPerSecond);
        var range = max - min > 1e-9 ? max - min : 1;
        var step = points.Count > 1 ? (W - (2 * Pad)) / (double)(points.Count - 1) : 0;
        var coordinates = points.Select((p, i) => (X: Pad + (i * step), Y: H - Pad - ((p.GenerationTokensPerSecond - min) / range * (H - (2 * Pad))), Point: p)).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart trend{(regression ? " regression" : "")}\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" data-points=\"{points.Count}\">");
        svg.Append("<title>").Append(Html.Escape(title)).Append("</title>");
        svg.Append("<polyline class=\"line\" points=\"").Append(string.Join(" ", coordinates.Select(c => $"{F(c.X)},{F(c.Y)}"))).Append("\"/>");
        foreach (var c in coordinates)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"pt\" cx=\"{F(c.X)}\" cy=\"{F(c.Y)}\" r=\"3\" data-value=\"{F(c.Point.GenerationTokensPerSecond)}\"><title>{c.Point.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {F(c.Point.GenerationTokensPerSecond)} tok/s</title></circle>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Accuracy (x) against generation tok/s (y), the Pareto front joined by a line.</summary>
    public static string Scatter(string id, string title, IReadOnlyList<TargetSummary> targets)
    {
        const int W = 720, H = 360, Left = 60, Bottom = 40, Top = 16, Right = 180;
        var maxY = Math.Max(targets.Max(t => t.GenerationTokensPerSecond!.Median), 1e-9);
        double X(double accuracy) => Left + (accuracy * (W - Left - Right));
        double Y(double tps) => H - Bottom - (tps / maxY * (H - Bottom - Top));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" data-points=\"{targets.Count}\">");
        svg.Append("<title>").Append(Html.Escape(title)).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axisline\" x1=\"{Left}\" y1=\"{H - Bottom}\" x2=\"{W - Right}\" y2=\"{H - Bottom}\"/><line class=\"axisline\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{H - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left}\" y=\"{H - 10}\">accuracy 0–100 %</text><text class=\"axis\" x=\"4\" y=\"{Top + 4}\">{F(maxY)} tok/s</text>");
        var front = targets.Where(t => t.OnParetoFront).OrderBy(t => t.Accuracy).ToList();
        if (front.Count > 0)
        {
            svg.Append("<polyline class=\"front\" points=\"")
                .Append(string.Join(" ", front.Select(t => $"{F(X(t.Accuracy!.Value))},{F(Y(t.GenerationTokensPerSecond!.Median))}"))).Append("\"/>");
        }

        foreach (var t in targets)
        {
            var (x, y) = (X(t.Accuracy!.Value), Y(t.GenerationTokensPerSecond!.Median));
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot{(t.OnParetoFront ? " pareto" : "")}\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"5\" data-label=\"{Html.Escape(t.Label)}\" data-accuracy=\"{F(t.Accuracy!.Value)}\" data-tps=\"{F(t.GenerationTokensPerSecond!.Median)}\"><title>{Html.Escape(t.Label)}: {F(t.Accuracy!.Value * 100)} % at {F(t.GenerationTokensPerSecond!.Median)} tok/s</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{F(x + 8)}\" y=\"{F(y + 4)}\">{Html.Escape(Shorten(t.Label))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    public static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Shorten(string label) => label.Length <= 30 ? label : label[..29] + "…";
}
