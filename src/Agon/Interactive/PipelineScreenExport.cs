using Agon.Chat;

namespace Agon.Interactive;

/// <summary>F5 in the interactive pipeline: the last run to the configured <c>export</c>/<c>exportMarkdown</c> files; returns what to tell the user.</summary>
internal sealed class PipelineScreenExport(IAgonEnvironment environment, string? json, string? markdown, TimeProvider timeProvider)
{
    public string Export(ChatSession session)
    {
        if (json is null && markdown is null)
        {
            return "export: set export or exportMarkdown (config file or --export FILE) to export the pipeline";
        }

        if (session.LastPrompt is not { } prompt || session.Running)
        {
            return "export: run the pipeline first (and let it end)";
        }

        try
        {
            var now = timeProvider.GetUtcNow();
            var written = new List<string>();
            if (json is not null)
            {
                PipelineExport.WriteJson(AgonPaths.Resolve(environment, json), json, prompt, session.Outcomes(), now);
                written.Add(json);
            }

            if (markdown is not null)
            {
                PipelineExport.WriteMarkdown(AgonPaths.Resolve(environment, markdown), markdown, prompt, session.Outcomes(), now);
                written.Add(markdown);
            }

            return "exported " + string.Join(" and ", written);
        }
        catch (AgonException ex)
        {
            return "export: " + ex.Message;
        }
    }
}
