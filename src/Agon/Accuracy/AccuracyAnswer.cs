namespace Agon.Accuracy;

/// <summary>
/// What a target answered to one test, as the assertions see it: the answer's text (reasoning a server sends apart
/// is never part of it), how long the request took, and the tools the model called on the way.
/// </summary>
internal sealed record AccuracyAnswer
{
    public required string Text { get; init; }

    /// <summary>From sending the request to the end of the answer, in milliseconds; null when unknown.</summary>
    public double? TotalMs { get; init; }

    public IReadOnlyList<Mcp.ToolActivity> ToolCalls { get; init; } = [];
}
