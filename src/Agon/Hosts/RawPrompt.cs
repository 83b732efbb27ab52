using Microsoft.Extensions.AI;

namespace Agon.Hosts;

/// <summary>
/// <c>--raw</c>: the prompt goes to the model as it is, with no chat template, so a base model continues the text.
/// Asked for through <see cref="ChatOptions.AdditionalProperties"/> (agon's own keys never reach a server); each
/// backend's chat client then uses its plain-completion endpoint.
/// </summary>
internal static class RawPrompt
{
    public const string OptionKey = "agon.raw";

    public static bool IsRequested(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(OptionKey, out var value) == true && value is true;

    public static void Request(ChatOptions options)
    {
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[OptionKey] = true;
    }

    /// <summary>The text to continue: the messages' text as written, separated by a blank line.</summary>
    public static string Text(IEnumerable<ChatMessage> messages) =>
        string.Join("\n\n", messages.Select(m => m.Text).Where(t => t.Length > 0));
}
