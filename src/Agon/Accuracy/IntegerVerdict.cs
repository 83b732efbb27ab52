namespace Agon.Accuracy;

/// <summary>What the <c>integer</c> check read from an answer (null when it holds no number) and whether it counts.</summary>
internal sealed record IntegerVerdict(decimal? Value, bool Correct);
