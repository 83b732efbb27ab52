using System.Text;

namespace Agon.Configuration;

/// <summary>Key spelling helpers: case conversion and "did you mean" suggestions.</summary>
internal static class KeyNames
{
    /// <summary><c>multimodelMode</c> → <c>MULTIMODEL_MODE</c>.</summary>
    public static string ToUpperSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary><c>multimodelMode</c> → <c>multimodel-mode</c>.</summary>
    public static string ToKebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The closest known name to <paramref name="unknown"/>, or null when none is close enough to be a typo.</summary>
    public static string? Suggest(string unknown, IEnumerable<string> known)
    {
        var normalized = Normalize(unknown);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = EditDistance.Between(normalized, Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(2, normalized.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    private static string Normalize(string name) =>
        name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
