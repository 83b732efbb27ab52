using Microsoft.Extensions.AI;

namespace Agon.Accuracy;

/// <summary>
/// Scores one answer against one test, promptfoo's way: the score is the weighted mean of the assertions passed;
/// with a test <c>threshold</c> the test passes at that score, without one every assertion with a weight must pass.
/// </summary>
internal static class AccuracyScoring
{
    public static async Task<AccuracyScore> ScoreAsync(
        AccuracyTest test, AccuracyAnswer answer, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken)
    {
        var results = new List<AssertionResult>(test.Assertions.Count);
        foreach (var assertion in test.Assertions)
        {
            results.Add(await assertion.EvaluateAsync(answer, embedder, cancellationToken));
        }

        var weight = results.Sum(r => r.Weight);
        var score = weight > 0 ? results.Where(r => r.Pass).Sum(r => r.Weight) / weight : results.All(r => r.Pass) ? 1 : 0;
        var pass = test.Threshold is { } threshold ? score >= threshold : results.Where(r => r.Weight > 0).All(r => r.Pass);
        return new AccuracyScore(Math.Round(score, 4), pass, results, Rate(test, results, "is-json"), Rate(test, results, "tool-call"));
    }

    /// <summary>Whether every un-negated assertion of the kind passed; null when the test has none.</summary>
    private static bool? Rate(AccuracyTest test, List<AssertionResult> results, string kind)
    {
        var of = test.Assertions.Select((a, i) => (a, r: results[i])).Where(x => x.a.Kind.Name == kind && !x.a.Negated).ToList();
        return of.Count == 0 ? null : of.All(x => x.r.Pass);
    }
}
