namespace Agon.Terminal;

/// <summary>Makes untrusted text (model output, server messages, file content) safe to print.</summary>
internal static class ConsoleText
{
    /// <summary>
    /// Removes terminal control (whole escape sequences and other control characters; newlines and tabs stay):
    /// escape sequences could recolour or clear the user's terminal. Agon never interprets markup in text, so
    /// nothing else needs escaping.
    /// </summary>
    public static string Sanitize(string text) => EscapeFilter.Clean(text);

    /// <summary>The message of a failure as one line (servers sometimes answer with several).</summary>
    public static string OneLine(string text) =>
        Sanitize(text).ReplaceLineEndings(" ").Trim();
}
