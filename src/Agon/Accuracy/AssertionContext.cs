namespace Agon.Accuracy;

/// <summary>What one check sees: the answer without its think blocks, the whole answer, and the assertion itself.</summary>
internal readonly record struct AssertionContext(string Output, AccuracyAnswer Answer, Assertion Assertion);
