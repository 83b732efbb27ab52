using System.Globalization;
using System.Text.RegularExpressions;

namespace Agon.Accuracy;

/// <summary>
/// One checked assertion of a test: a kind from <see cref="AssertionKinds"/>, possibly negated with <c>not-</c>, and
/// its value. <see cref="Create"/> refuses an unknown type, a missing value and an invalid regex with one line.
/// Answers are checked without their think blocks: a model's thinking does not satisfy <c>contains</c>.
/// </summary>
internal sealed class Assertion
{
    private const string NotPrefix = "not-";

    private Assertion(string type, AssertionKind kind, bool negated, string value)
    {
        Type = type;
        Kind = kind;
        Negated = negated;
        Value = value;
    }

    /// <summary>The type as written, e.g. <c>not-icontains</c>.</summary>
    public string Type { get; }

    public AssertionKind Kind { get; }

    public bool Negated { get; }

    public string Value { get; }

    public static Assertion Create(string? type, string? value)
    {
        var written = type?.Trim() ?? "";
        var negated = written.StartsWith(NotPrefix, StringComparison.Ordinal);
        var name = negated ? written[NotPrefix.Length..] : written;
        if (!AssertionKinds.All.TryGetValue(name, out var kind))
        {
            throw AgonException.Usage(written.Length == 0
                ? $"an assertion has no \"type\" (known: {Known()})"
                : $"unknown assertion type '{written}' (known: {Known()}, each also with not-)");
        }

        if (value is null)
        {
            throw AgonException.Usage($"the assertion '{written}' needs a \"value\"");
        }

        if (kind.Name == "regex")
        {
            try
            {
                _ = new Regex(value, AssertionKinds.RegexFlags, AssertionKinds.RegexTimeout);
            }
            catch (RegexParseException ex)
            {
                throw AgonException.Usage(string.Create(CultureInfo.InvariantCulture, $"the regex '{value}' is not valid (at character {ex.Offset})"));
            }
        }

        return new Assertion(written, kind, negated, value);
    }

    public AssertionResult Evaluate(string? answer)
    {
        var output = IntegerCheck.WithoutThinking(answer ?? "");
        try
        {
            return new AssertionResult(Type, Kind.Passes(output, Value) != Negated);
        }
        catch (RegexMatchTimeoutException)
        {
            return new AssertionResult(Type, false, "the regex took too long");
        }
    }

    private static string Known() => string.Join(", ", AssertionKinds.All.Keys.Order(StringComparer.Ordinal));
}
