using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using Agon.Chat;

namespace Agon.Accuracy;

/// <summary>
/// The deterministic promptfoo assertion types, and Agon's <c>integer</c> and <c>tool-call</c>, as one table
/// (evaluation.md §3.2). Each is negated by a <c>not-</c> prefix (see <see cref="Assertion"/>). Text checks read the
/// answer without its think blocks.
/// </summary>
internal static class AssertionKinds
{
    /// <summary>How long one <c>regex</c> may run on one answer.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public const RegexOptions RegexFlags = RegexOptions.CultureInvariant;

    /// <summary>promptfoo's default for <c>similar</c>: cosine of at least 0.75.</summary>
    public const double SimilarThreshold = 0.75;

    /// <summary>promptfoo's default for <c>levenshtein</c>: at most 5 edits.</summary>
    public const double LevenshteinThreshold = 5;

    public static readonly FrozenDictionary<string, AssertionKind> All = new AssertionKind[]
    {
        new("equals", AssertionValue.Text, c => (string.Equals(c.Output.Trim(), c.Assertion.Value.Trim(), StringComparison.Ordinal), null)),
        new("contains", AssertionValue.Text, c => (c.Output.Contains(c.Assertion.Value, StringComparison.Ordinal), null)),
        new("icontains", AssertionValue.Text, c => (c.Output.Contains(c.Assertion.Value, StringComparison.OrdinalIgnoreCase), null)),
        new("starts-with", AssertionValue.Text, c => (c.Output.TrimStart().StartsWith(c.Assertion.Value, StringComparison.Ordinal), null)),
        new("regex", AssertionValue.Text, c => (Regex.IsMatch(c.Output, c.Assertion.Value, RegexFlags, RegexTimeout), null)),
        new("contains-any", AssertionValue.List, c => (c.Assertion.Values.Any(v => c.Output.Contains(v, StringComparison.Ordinal)), null)),
        new("contains-all", AssertionValue.List, c => (c.Assertion.Values.All(v => c.Output.Contains(v, StringComparison.Ordinal)), null)),
        new("icontains-any", AssertionValue.List, c => (c.Assertion.Values.Any(v => c.Output.Contains(v, StringComparison.OrdinalIgnoreCase)), null)),
        new("icontains-all", AssertionValue.List, c => (c.Assertion.Values.All(v => c.Output.Contains(v, StringComparison.OrdinalIgnoreCase)), null)),
        new("is-json", AssertionValue.OptionalSchema, c => (IsJson(c.Output, c.Assertion.Schema), null)),
        new("levenshtein", AssertionValue.Text, Levenshtein, LevenshteinThreshold),
        new("latency", AssertionValue.Threshold, c => c.Answer.TotalMs is { } ms ? (ms <= c.Assertion.Threshold, ms) : (false, null)),
        new("similar", AssertionValue.Text, null, SimilarThreshold),
        new("integer", AssertionValue.OptionalNumber, Integer),
        new("tool-call", AssertionValue.Text, ToolCall),
    }.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Whether the answer (trimmed) is one JSON value, and matches the schema when there is one.</summary>
    public static bool IsJson(string output, JsonElement? schema)
    {
        try
        {
            using var document = JsonDocument.Parse(output.Trim());
            return schema is not { } s || JsonSchemaValidator.Validate(document.RootElement, s).Count == 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The edit distance between two texts (see <see cref="EditDistance"/>).</summary>
    public static int Distance(string a, string b) => EditDistance.Between(a, b);

    private static (bool, double?) Levenshtein(AssertionContext c)
    {
        var distance = Distance(c.Output.Trim(), c.Assertion.Value.Trim());
        return (distance <= c.Assertion.Threshold, distance);
    }

    private static (bool, double?) Integer(AssertionContext c)
    {
        var verdict = IntegerCheck.Check(c.Answer.Text, c.Assertion.Number!.Value, c.Assertion.Margin);
        return (verdict.Correct, verdict.Value is { } v ? (double)v : null);
    }

    /// <summary>The model called the named tool at least once with arguments that match the schema (when one is given).</summary>
    private static (bool, double?) ToolCall(AssertionContext c)
    {
        var calls = c.Answer.ToolCalls.Where(t => string.Equals(t.Name, c.Assertion.Value, StringComparison.Ordinal)).ToList();
        var matching = calls.Count(t => c.Assertion.Schema is not { } schema || IsJson(t.Arguments, schema));
        return (matching > 0, calls.Count);
    }
}
