namespace Agon.Accuracy;

/// <summary>The outcome of one assertion on one answer: its type as written, whether it passed, and why not when it could not be checked.</summary>
internal sealed record AssertionResult(string Type, bool Pass, string? Error = null);
