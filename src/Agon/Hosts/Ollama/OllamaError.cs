using System.Text.Json;

namespace Agon.Hosts.Ollama;

/// <summary>An <c>{"error": …}</c> answer or line; the error is usually a string.</summary>
internal sealed record OllamaError(JsonElement? Error)
{
    /// <summary>The error as text (a non-string error as its JSON), or null when there is none.</summary>
    public string? Text => TextOf(Error);

    /// <summary>An <c>error</c> member as text: a string as itself, anything else as its JSON; null when absent.</summary>
    public static string? TextOf(JsonElement? error) => error is { } e && e.ValueKind != JsonValueKind.Null
        ? e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()
        : null;
}
