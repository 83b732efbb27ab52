namespace Agon.Accuracy;

/// <summary>
/// The outcome of one assertion on one answer: its type as written, whether it passed, why not when it could not be
/// checked, and the figure it was judged by when it measures one (edit distance, milliseconds, cosine, the number read).
/// </summary>
internal sealed record AssertionResult(string Type, bool Pass, string? Error = null, double? Measured = null)
{
    /// <summary>The assertion's weight in the test's score.</summary>
    public double Weight { get; init; } = 1;
}
