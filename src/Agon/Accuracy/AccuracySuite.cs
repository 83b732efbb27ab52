namespace Agon.Accuracy;

/// <summary>An accuracy suite as agon's prompt file holds it: the system prompt that replaces the host's, and the tests.</summary>
internal sealed record AccuracySuite(string? SystemPrompt, IReadOnlyList<AccuracyTest> Tests);
