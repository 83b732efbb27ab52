using System.Globalization;

namespace Agon.Terminal;

/// <summary>A moment relative to now, the way a person reads it: <c>in 4 min</c>, <c>in 2 h</c>, <c>never</c>.</summary>
internal static class RelativeTime
{
    /// <summary>Ollama's keep_alive -1 sets expiry centuries ahead: anything this far means "never".</summary>
    private static readonly TimeSpan s_never = TimeSpan.FromDays(365 * 10);

    public static string Until(DateTimeOffset at, DateTimeOffset now)
    {
        var left = at - now;
        if (left >= s_never)
        {
            return "never";
        }

        if (left <= TimeSpan.Zero)
        {
            return "now";
        }

        return left switch
        {
            { TotalSeconds: < 60 } => Format($"in {Math.Ceiling(left.TotalSeconds)} s"),
            { TotalMinutes: < 60 } => Format($"in {Math.Round(left.TotalMinutes)} min"),
            { TotalHours: < 48 } => Format($"in {Math.Round(left.TotalHours)} h"),
            _ => Format($"in {Math.Round(left.TotalDays)} days"),
        };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
