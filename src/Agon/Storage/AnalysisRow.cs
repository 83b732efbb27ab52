namespace Agon.Storage;

/// <summary>The few fields of a stored response that the metrics report reads (a lean row for large histories).</summary>
internal readonly record struct AnalysisRow(
    DateTimeOffset Time,
    string Kind,
    string Host,
    string Backend,
    string Model,
    string? Quantization,
    string? RunId,
    string? Phase,
    bool? Correct,
    bool? JsonValid,
    bool? ToolCallOk,
    bool Failed,
    double? GenerationTokensPerSecond,
    double? PromptTokensPerSecond,
    double? TtftMs,
    double? LoadMs);
