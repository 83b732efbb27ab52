using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Agon.Files;
using Agon.Metrics;
using Agon.Terminal;

namespace Agon.Chat;

/// <summary>Writes a pipeline's stages to a JSON file (for scripts) and a Markdown file (for people).</summary>
internal static class PipelineExport
{
    public static void WriteJson(string path, string shown, string prompt, IReadOnlyList<ChatOutcome> stages, DateTimeOffset at)
    {
        var json = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("exportedAt", at.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("prompt", prompt);
            w.WriteStartArray("stages");
            foreach (var stage in stages)
            {
                w.WriteStartObject();
                w.WriteNumber("stage", stage.Stage ?? 0);
                w.WriteString("host", stage.Target.Host.Name);
                w.WriteString("model", stage.Target.Model);
                w.WriteStartObject("parameters");
                foreach (var (key, value) in stage.Parameters)
                {
                    w.WritePropertyName(key);
                    w.WriteRawValue(value);
                }

                w.WriteEndObject();
                w.WritePropertyName("timings");
                ChatJson.WriteMetrics(w, stage.Metrics);
                w.WriteStartObject("tokens");
                Number(w, "prompt", stage.Metrics.PromptTokens);
                Number(w, "completion", stage.Metrics.CompletionTokens);
                w.WriteEndObject();
                w.WriteString("outputSha256", Hash(stage.Content));
                w.WriteStringOrNull("handOff", stage.HandOff);
                w.WriteString("output", stage.Content);
                w.WriteStringOrNull("error", stage.Error);
                w.WriteBoolean("skipped", stage.Skipped);
                if (stage.JsonValid is { } valid)
                {
                    w.WriteBoolean("jsonValid", valid);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
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

    private static void Number(Utf8JsonWriter w, string name, Metric? metric)
    {
        if (metric is { } m)
        {
            w.WriteNumber(name, m.Value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
