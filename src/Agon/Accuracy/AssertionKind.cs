namespace Agon.Accuracy;

/// <summary>
/// One promptfoo-style assertion type: its name, what it needs, and how an answer is checked: whether it passes
/// and, for the measured types, the figure it was judged by (edit distance, milliseconds, cosine, the number read).
/// <see cref="Check"/> is null for <c>similar</c>, which needs embeddings and is checked by <see cref="Assertion.EvaluateAsync"/>.
/// </summary>
internal sealed record AssertionKind(string Name, AssertionValue Value, Func<AssertionContext, (bool Pass, double? Measured)>? Check, double? DefaultThreshold = null);
