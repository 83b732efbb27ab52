using System.Globalization;
using System.Text.Json;

namespace Agon.Configuration;

/// <summary>Reads and parses a configuration file (comments and trailing commas allowed); a syntax error becomes one <c>file:line:column</c> line.</summary>
internal static class ConfigDocument
{
    public static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The parsed file; the caller disposes it. Throws <see cref="ConfigException"/> when it cannot be read or parsed.</summary>
    public static JsonDocument Read(string path, string display)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigException.Unreadable(display, ex.Message);
        }

        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            throw ConfigException.FromErrors([SyntaxError(display, ex)]);
        }
    }

    public static string SyntaxError(string display, JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            reason = reason[..cut];
        }

        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{display}:{line}:{column}: invalid JSON: {reason.TrimEnd('.')}");
    }
}
