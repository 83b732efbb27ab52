using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Embedded;

/// <summary>
/// Tools on the in-process engine, which has no tool-call parser of its own: the tools are described in a system
/// message and every answer is constrained by a GBNF grammar built from their input schemas
/// (<see cref="JsonGrammar.ForTools"/>), so even a tiny model answers either
/// <c>{"tool": "&lt;name&gt;", "arguments": {…}}</c> (a valid call) or <c>{"answer": "…"}</c> (text). Earlier calls
/// and results in the history are written back in the same words.
/// </summary>
internal static partial class EmbeddedToolMode
{
    /// <summary>The tools a request offers the model, or null when it is not a tool turn (no tools, tool mode none, a JSON response format).</summary>
    public static IReadOnlyList<AIFunctionDeclaration>? ToolsOf(ChatOptions? options) =>
        options is { Tools.Count: > 0, ResponseFormat: not ChatResponseFormatJson } && options.ToolMode is not NoneChatToolMode
        && options.Tools.OfType<AIFunctionDeclaration>().ToList() is { Count: > 0 } tools
            ? tools
            : null;

    public static string Grammar(IReadOnlyList<AIFunctionDeclaration> tools, ChatOptions options) =>
        JsonGrammar.ForTools([.. tools.Select(t => (t.Name, t.JsonSchema))], allowAnswer: options.ToolMode is not RequiredChatToolMode);

    /// <summary>The conversation as the model reads it in tool mode: the tool list first, calls and results as text.</summary>
    public static List<ChatMessage> Messages(IEnumerable<ChatMessage> messages, IReadOnlyList<AIFunctionDeclaration> tools)
    {
        var instructions = new StringBuilder("You can call tools. Reply with one JSON object: {\"tool\": \"<name>\", \"arguments\": {…}} to call a tool, or {\"answer\": \"<text>\"} to answer.\nTools:\n");
        foreach (var tool in tools)
        {
            instructions.Append("- ").Append(tool.Name).Append(": ").Append(tool.Description).Append(" Arguments: ").Append(tool.JsonSchema.GetRawText()).Append('\n');
        }

        var result = new List<ChatMessage>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = true;
        foreach (var message in messages)
        {
            if (first && message.Role == ChatRole.System)
            {
                result.Add(new ChatMessage(ChatRole.System, message.Text + "\n\n" + instructions));
                first = false;
                continue;
            }

            if (first)
            {
                result.Add(new ChatMessage(ChatRole.System, instructions.ToString()));
                first = false;
            }

            var text = new StringBuilder(message.Text);
            foreach (var call in message.Contents.OfType<FunctionCallContent>())
            {
                names[call.CallId] = call.Name;
                text.Append("{\"tool\": ").Append(JsonEncodedString(call.Name)).Append(", \"arguments\": ").Append(JsonWriterExtensions.ToolArgumentsJson(call.Arguments)).Append('}');
            }

            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (results.Count > 0)
            {
                foreach (var r in results)
                {
                    result.Add(new ChatMessage(ChatRole.User, $"Result of {names.GetValueOrDefault(r.CallId, "the tool")}: {JsonWriterExtensions.ToolResultText(r.Result)}"));
                }

                continue;
            }

            result.Add(new ChatMessage(message.Role, text.ToString()));
        }

        return result;
    }

    /// <summary>
    /// What the grammar-constrained output says: a call, the answer's text; cut short by the token limit, the answer's
    /// text so far, or (a call cut short) the raw text.
    /// </summary>
    public static AIContent Parse(string output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            if (root.TryGetProperty("tool", out var name) && name.ValueKind == JsonValueKind.String)
            {
                var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (root.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in args.EnumerateObject())
                    {
                        arguments[property.Name] = property.Value.Clone();
                    }
                }

                return new FunctionCallContent(ToolCallIds.Mint(), name.GetString()!, arguments);
            }

            if (root.TryGetProperty("answer", out var answer) && answer.ValueKind == JsonValueKind.String)
            {
                return new TextContent(answer.GetString());
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Cut off by the token limit (or a lone half of a surrogate pair, which GetString refuses).
            if (AnswerSoFar(output) is { } text)
            {
                return new TextContent(text);
            }
        }

        return new TextContent(output);
    }

    /// <summary>
    /// The text of <c>{"answer": "…</c>, unescaped up to its closing quote or to where it was cut (an escape cut
    /// short is dropped); null for anything else. A lone half of a surrogate pair (the cut fell between the two
    /// escapes of an emoji) is dropped at the end and becomes U+FFFD elsewhere.
    /// </summary>
    private static string? AnswerSoFar(string output)
    {
        var start = AnswerStart().Match(output);
        if (!start.Success)
        {
            return null;
        }

        var text = new StringBuilder();
        var rest = output.AsSpan(start.Length);
        for (var i = 0; i < rest.Length && rest[i] != '"'; i++)
        {
            if (rest[i] != '\\')
            {
                text.Append(rest[i]);
                continue;
            }

            if (i + 1 >= rest.Length || Unescaped(rest[(i + 1)..], out var length) is not { } c)
            {
                break;
            }

            text.Append(c);
            i += length;
        }

        return WithoutLoneSurrogates(text);
    }

    /// <summary>The character an escape stands for (after its backslash) and how many characters it takes; null when cut short or not an escape.</summary>
    private static char? Unescaped(ReadOnlySpan<char> escape, out int length)
    {
        length = 1;
        switch (escape[0])
        {
            case 'u':
                length = 5;
                return escape.Length >= 5 && ushort.TryParse(escape[1..5], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ? (char)code : null;
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case '"' or '\\' or '/':
                return escape[0];
            default:
                return null;
        }
    }

    private static string WithoutLoneSurrogates(StringBuilder text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                result.Append(c);
            }
            else if (i + 1 < text.Length)
            {
                result.Append('\uFFFD');
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^\s*\{\s*""answer""\s*:\s*(""|$)")]
    private static partial Regex AnswerStart();

    private static string JsonEncodedString(string text) => "\"" + JsonEncodedText.Encode(text).Value + "\"";
}
