using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary><c>agon accuracy --json</c>: the suite, the run's shape, one summary per target (and RAG mode), where the records went.</summary>
internal sealed record AccuracyDocument(
    [property: JsonPropertyName("suite")] string Suite,
    [property: JsonPropertyName("tests")] int Tests,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("stream")] bool Stream,
    [property: JsonPropertyName("cancelled")] bool Cancelled,
    [property: JsonPropertyName("database")] string? Database,
    [property: JsonPropertyName("resultFiles")] IReadOnlyList<string> ResultFiles,
    [property: JsonPropertyName("results")] IReadOnlyList<AccuracySummary> Results);
