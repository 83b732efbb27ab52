namespace Agon.Accuracy;

/// <summary>
/// How one answer scored: the weighted share of assertions passed (0–1), whether the test passed, each assertion's
/// result, and the two rates the scorecard keeps: JSON validity (<c>is-json</c>) and tool-call success
/// (<c>tool-call</c>), null when the test has no such assertion.
/// </summary>
internal sealed record AccuracyScore(double Score, bool Pass, IReadOnlyList<AssertionResult> Results, bool? JsonValid, bool? ToolCallOk)
{
    /// <summary>What a failed request scores: nothing, with no assertion checked.</summary>
    public static AccuracyScore Failed { get; } = new(0, false, [], null, null);
}
