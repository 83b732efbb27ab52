using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Agon.Accuracy;

/// <summary>
/// The deterministic promptfoo assertion types Agon has so far, as one table (evaluation.md §3.2). Each is negated
/// by a <c>not-</c> prefix (see <see cref="Assertion"/>).
/// </summary>
internal static class AssertionKinds
{
    /// <summary>How long one <c>regex</c> may run on one answer.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public const RegexOptions RegexFlags = RegexOptions.CultureInvariant;

    public static readonly FrozenDictionary<string, AssertionKind> All = new AssertionKind[]
    {
        new("equals", (output, value) => string.Equals(output.Trim(), value.Trim(), StringComparison.Ordinal)),
        new("contains", (output, value) => output.Contains(value, StringComparison.Ordinal)),
        new("icontains", (output, value) => output.Contains(value, StringComparison.OrdinalIgnoreCase)),
        new("starts-with", (output, value) => output.TrimStart().StartsWith(value, StringComparison.Ordinal)),
        new("regex", (output, value) => Regex.IsMatch(output, value, RegexFlags, RegexTimeout)),
    }.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);
}
