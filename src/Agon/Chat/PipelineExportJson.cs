namespace Agon.Chat;

/// <summary>The JSON file a pipeline run is exported to (<c>--export-json</c>): when, the prompt, and every stage.</summary>
internal sealed record PipelineExportJson(string ExportedAt, string Prompt, IReadOnlyList<PipelineStageJson> Stages);
