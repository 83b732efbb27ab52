using System.Text;
using System.Text.RegularExpressions;

namespace Agon.Rag;

/// <summary>
/// <c>ragExcludeGlobs</c> with glob semantics over paths relative to the corpus, written with <c>/</c>:
/// <c>*</c> and <c>?</c> stay inside one path segment, <c>**</c> spans any number of segments, <c>[abc]</c> and
/// <c>[!a-z]</c> are classes. A pattern without a <c>/</c> matches a file or folder name at any depth (as in
/// .gitignore); one with a <c>/</c> matches from the corpus root (a leading <c>/</c> is allowed; an absolute
/// path is read relative to the corpus when it lies inside it). A folder that matches leaves out everything under it.
/// </summary>
internal sealed class RagGlob
{
    private readonly List<(string Pattern, Regex Regex)> _patterns = [];

    public RagGlob(IEnumerable<string> patterns, string corpusRoot)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var root = corpusRoot.Replace('\\', '/').TrimEnd('/') + "/";
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim().Replace('\\', '/');
            if (pattern.Length == 0)
            {
                continue;
            }

            if (pattern.StartsWith(root, StringComparison.Ordinal))
            {
                pattern = pattern[root.Length..];
            }

            var anchored = pattern.TrimEnd('/').Contains('/', StringComparison.Ordinal);
            pattern = pattern.Trim('/');
            var regex = (anchored ? "^" : "^(?:.*/)?") + Translate(pattern) + "(?:/.*)?$";
            _patterns.Add((raw, new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Singleline)));
        }
    }

    public int Count => _patterns.Count;

    /// <summary>The first pattern that leaves <paramref name="relativePath"/> out (the path or one of its folders), or null.</summary>
    public string? Excludes(string relativePath)
    {
        foreach (var (pattern, regex) in _patterns)
        {
            if (regex.IsMatch(relativePath))
            {
                return pattern;
            }
        }

        return null;
    }

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                    var atSegmentStart = i == 0 || glob[i - 1] == '/';
                    if (atSegmentStart && slashAfter)
                    {
                        regex.Append("(?:.*/)?"); // "**/" : zero or more whole folders
                        i += 2;
                    }
                    else
                    {
                        regex.Append(".*");
                        i++;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var body = glob[(i + 1)..close];
                    var negated = body[0] is '!' or '^';
                    body = negated ? body[1..] : body;
                    regex.Append('[').Append(negated ? "^/" : "").Append(body.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }
}
