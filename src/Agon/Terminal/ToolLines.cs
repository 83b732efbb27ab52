using System.Globalization;
using Agon.Mcp;

namespace Agon.Terminal;

/// <summary>How a tool call reads on a terminal: <c>→ current_time {} · 2 ms</c> and <c>← "2026-12-01T21:00:00Z"</c>.</summary>
internal static class ToolLines
{
    private const int MaxShown = 160;

    public static IReadOnlyList<string> Of(ToolActivity call)
    {
        var server = call.Server is null ? "" : $" ({call.Server})";
        var source = call.ParsedFromText ? " · parsed from text" : "";
        var arguments = Cut(call.Arguments);
        var head = string.Create(CultureInfo.InvariantCulture, $"→ {call.Name} {arguments}{server} · {call.Duration.TotalMilliseconds:0} ms{source}");
        var result = call.Result ?? "";
        return [head, "← " + (call.IsError ? Cut(result) : Cut(Quote(result)))];
    }

    /// <summary>The confirmation question for a call, its arguments whole (the user approves what is sent): <c>call add {"a":1} on mem?</c>.</summary>
    public static string Question(ToolActivity call) => $"call {call.Name} {BidiVisible(ConsoleText.OneLine(call.Arguments))} on {call.Server ?? "no server"}?";

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Cut(string text)
    {
        var line = BidiVisible(ConsoleText.OneLine(text));
        return line.Length <= MaxShown ? line : line[..MaxShown] + "…";
    }

    /// <summary>
    /// Bidirectional controls (RLO and kin) written as <c>\u202E</c>: on a terminal they reorder what follows, so
    /// the arguments a user approves could read otherwise than what is sent.
    /// </summary>
    private static string BidiVisible(string text)
    {
        if (!text.Any(IsBidiControl))
        {
            return text;
        }

        var visible = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsBidiControl(c))
            {
                visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
