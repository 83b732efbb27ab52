using System.Globalization;

namespace Agon.Terminal;

/// <summary>
/// How agon writes numbers for people, in one place (invariant culture everywhere): sizes in decimal units as model
/// hubs show them (1.2 GB, 340 MB), milliseconds that become seconds when long, timeouts, and plain figures.
/// </summary>
internal static class Figures
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000 => (bytes / 1e6).ToString("0", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1e3).ToString("0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Bytes(long? bytes) => bytes is { } b ? Bytes(b) : "-";

    /// <summary>A measured time: <c>8.5 ms</c>, <c>85 ms</c>, <c>12.3 s</c> (from 10 s on).</summary>
    public static string Milliseconds(double ms) => ms >= 10_000
        ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A configured time (a timeout): <c>2.5 s</c>, <c>300 ms</c>.</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds >= 1
        ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A figure to the unit: <c>117</c>.</summary>
    public static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>A figure to one decimal: <c>1489.0</c>.</summary>
    public static string OneDecimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A statistic in a table: one decimal below 100 (<c>42.5</c>), whole above (<c>1489</c>).</summary>
    public static string Statistic(double value) => value >= 100 ? Whole(value) : OneDecimal(value);
}
