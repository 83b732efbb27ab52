namespace Agon.Accuracy;

/// <summary>
/// One test of a suite. agon wrote <c>id</c> as a number and <c>expected_answer</c> as an integer; both are kept as
/// read: the id as its text, the expected answer as a number when it is one (the <c>integer</c> check needs it) and
/// as text otherwise.
/// </summary>
internal sealed record AccuracyTest
{
    public required string Id { get; init; }

    public required string Prompt { get; init; }

    /// <summary>The expected answer when it is a JSON number (or a string holding one).</summary>
    public decimal? ExpectedNumber { get; init; }

    /// <summary>The expected answer as written, without JSON quoting; null when absent.</summary>
    public string? ExpectedText { get; init; }

    public string? Category { get; init; }

    /// <summary>agon's difficulty (1–5 in its suite); null when absent.</summary>
    public double? Difficulty { get; init; }

    /// <summary>How far the answer may be from the expected number and still count (agon's <c>marginOfError</c>; 0 when absent).</summary>
    public decimal MarginOfError { get; init; }

    /// <summary>
    /// The checks of the answer: the test's <c>assert</c> list, or without one the default from the expected answer
    /// (<c>integer</c> for a number, <c>icontains</c> for a text).
    /// </summary>
    public IReadOnlyList<Assertion> Assertions { get; init; } = [];

    /// <summary>The weighted score (0–1) at which the test passes; null: every assertion with a weight must pass.</summary>
    public double? Threshold { get; init; }

    /// <summary>Whether an un-negated assertion of this kind checks the answer (a failed request then counts against its rate).</summary>
    public bool Checks(string kind) => Assertions.Any(a => a.Kind.Name == kind && !a.Negated);
}
