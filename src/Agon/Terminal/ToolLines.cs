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
    public static string Question(ToolActivity call) => $"call {call.Name} {ConsoleText.OneLine(call.Arguments)} on {call.Server ?? "no server"}?";

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Cut(string text)
    {
        var line = ConsoleText.OneLine(text);
        return line.Length <= MaxShown ? line : line[..MaxShown] + "…";
    }
}
