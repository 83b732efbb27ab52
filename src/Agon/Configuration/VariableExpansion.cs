using System.Text;

namespace Agon.Configuration;

/// <summary>
/// <c>${VAR}</c> and <c>${VAR:-default}</c> in MCP server entries, as oterm and Claude Code expand them: the value
/// of the variable, or the default when it is unset or empty. A variable that is unset and has no default is an
/// error the caller reports with the key path.
/// </summary>
internal static class VariableExpansion
{
    /// <summary>
    /// The expanded text, or null with <paramref name="missing"/> set to the first variable that has no value.
    /// <paramref name="used"/> collects the variables substituted and their values (so secrets read from variables can be redacted).
    /// </summary>
    public static string? Expand(string text, Func<string, string?> lookup, out string? missing, ICollection<KeyValuePair<string, string>>? used = null)
    {
        missing = null;
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                break;
            }

            builder.Append(text, position, start - position);
            var body = text[(start + 2)..end];
            var separator = body.IndexOf(":-", StringComparison.Ordinal);
            var name = separator < 0 ? body : body[..separator];
            var value = lookup(name);
            if (string.IsNullOrEmpty(value))
            {
                if (separator < 0)
                {
                    missing = name;
                    return null;
                }

                value = body[(separator + 2)..];
            }
            else
            {
                used?.Add(new(name, value));
            }

            builder.Append(value);
            position = end + 1;
            start = text.IndexOf("${", position, StringComparison.Ordinal);
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>True when the text asks for a VS Code input (<c>${input:token}</c>), which only VS Code can prompt for.</summary>
    public static bool NeedsInput(string text) => text.Contains("${input:", StringComparison.Ordinal);
}
