using System.Text.Json;

namespace Agon.Chat;

/// <summary>Does an answer parse as a JSON object, and does it match the schema?</summary>
internal static class JsonVerdict
{
    public static (bool Valid, IReadOnlyList<string> Errors) Judge(string content, JsonElement? schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            return (false, [$"not valid JSON: {FirstSentence(ex.Message)}"]);
        }

        using (document)
        {
            if (schema is { } s)
            {
                var errors = JsonSchemaValidator.Validate(document.RootElement, s);
                return (errors.Count == 0, errors);
            }

            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (true, [])
                : (false, [$"expected a JSON object, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}"]);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
