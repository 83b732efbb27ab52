using System.Globalization;
using System.Text;
using ModelContextProtocol.Protocol;

namespace Agon.Mcp;

/// <summary>
/// What the model reads back from a tool: the result's text as plain text (not the SDK's JSON dump of the whole
/// result), structured content as JSON when there is no text, other blocks named in brackets, cut to a budget.
/// </summary>
internal static class ToolResultText
{
    /// <summary>The most characters of one result the model receives.</summary>
    public const int Budget = 4000;

    public static string Of(CallToolResult result, int budget = Budget)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image {i.MimeType}]",
                AudioContentBlock a => $"[audio {a.MimeType}]",
                EmbeddedResourceBlock r => r.Resource is TextResourceContents trc ? trc.Text : $"[resource {r.Resource.Uri}]",
                ResourceLinkBlock l => $"[resource {l.Uri}]",
                _ => $"[{block.Type}]",
            });
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.GetRawText());
        }

        return Truncate(text.ToString(), budget);
    }

    public static string Truncate(string text, int budget = Budget) =>
        text.Length <= budget
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..budget]}… [truncated: {text.Length - budget} more characters]");
}
