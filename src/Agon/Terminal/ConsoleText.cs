using System.Text;

namespace Agon.Terminal;

/// <summary>Makes untrusted text (model output, server messages, file content) safe to print.</summary>
internal static class ConsoleText
{
    /// <summary>
    /// Removes control characters (escape sequences could recolour or clear the user's terminal), keeping
    /// newlines and tabs. Agon never interprets markup in text, so nothing else needs escaping.
    /// </summary>
    public static string Sanitize(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The message of a failure as one line (servers sometimes answer with several).</summary>
    public static string OneLine(string text) =>
        Sanitize(text).ReplaceLineEndings(" ").Trim();

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not '\n' and not '\t' and not '\r';
}
