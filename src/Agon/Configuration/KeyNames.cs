using System.Text;

namespace Agon.Configuration;

/// <summary>Key spelling helpers: case conversion and "did you mean" suggestions.</summary>
internal static class KeyNames
{
    /// <summary><c>multimodelMode</c> → <c>MULTIMODEL_MODE</c>.</summary>
    public static string ToUpperSnake(string name) => Separated(name, '_', upper: true);

    /// <summary><c>multimodelMode</c> → <c>multimodel-mode</c>.</summary>
    public static string ToKebab(string name) => Separated(name, '-', upper: false);

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

    /// <summary>A camelCase name with <paramref name="separator"/> before each inner capital, in one case.</summary>
    private static string Separated(string name, char separator, bool upper)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(separator);
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
