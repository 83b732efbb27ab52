namespace Agon.Chat;

/// <summary>A stage's token counts as the server reported them (null where it did not).</summary>
internal sealed record PipelineTokensJson(double? Prompt, double? Completion);
