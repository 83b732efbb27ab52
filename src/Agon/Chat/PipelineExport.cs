using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Agon.Files;
using Agon.Terminal;

namespace Agon.Chat;

/// <summary>Writes a pipeline's stages to a JSON file (for scripts) and a Markdown file (for people).</summary>
internal static class PipelineExport
{
    public static void WriteJson(string path, string shown, string prompt, IReadOnlyList<ChatOutcome> stages, DateTimeOffset at)
    {
        var document = new PipelineExportJson(at.ToString("O", CultureInfo.InvariantCulture), prompt, [.. stages.Select(PipelineStageJson.From)]);
        var json = JsonText.Write(w => JsonSerializer.Serialize(w, document, ChatJsonContext.Default.PipelineExportJson));
        ExportFile.Write(path, shown, json);
    }

    public static void WriteMarkdown(string path, string shown, string prompt, IReadOnlyList<ChatOutcome> stages, DateTimeOffset at)
    {
        var md = new StringBuilder();
        md.Append("# Pipeline run ").Append(at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)).Append("\n\n");
        md.Append("## Prompt\n\n").Append(prompt).Append("\n\n");
        foreach (var stage in stages)
        {
            md.Append(CultureInfo.InvariantCulture, $"## Stage {stage.Stage}: {stage.Target.Label}\n\n");
            if (stage.Skipped)
            {
                md.Append("_Did not run: an earlier stage failed._\n\n");
                continue;
            }

            md.Append(MetricsSummary.Format(stage.Metrics)).Append("\n\n");
            if (stage.Error is not null)
            {
                md.Append("**Error:** ").Append(stage.Error).Append("\n\n");
            }

            md.Append("```text\n").Append(stage.Content.Replace("```", "` ` `", StringComparison.Ordinal)).Append("\n```\n\n");
        }

        ExportFile.Write(path, shown, md.ToString());
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
