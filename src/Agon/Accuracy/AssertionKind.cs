namespace Agon.Accuracy;

/// <summary>One promptfoo-style assertion type: its name and when an answer passes it against the assertion's value.</summary>
internal sealed record AssertionKind(string Name, Func<string, string, bool> Passes);
