using System.Globalization;

namespace Agon.Terminal;

/// <summary>Human sizes: 1.2 GB, 340 MB (decimal units, as model hubs show them).</summary>
internal static class Sizes
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000 => (bytes / 1e6).ToString("0", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1e3).ToString("0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Format(long? bytes) => bytes is { } b ? Format(b) : "-";
}
