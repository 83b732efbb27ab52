namespace Agon.Storage;

/// <summary>What produced a stored response.</summary>
internal static class ResponseKind
{
    public const string Chat = "chat";
    public const string Compare = "compare";
    public const string Pipeline = "pipeline";
    public const string Benchmark = "benchmark";
    public const string Accuracy = "accuracy";

    /// <summary>A running summary imported from agon's metrics file (not one response).</summary>
    public const string Summary = "summary";
}
