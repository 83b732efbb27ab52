using System.Text.Json;
using Agon.Chat;
using Agon.Hosts;
using Microsoft.Extensions.AI;

namespace Agon.Mcp;

/// <summary>
/// Reads an answer that is only a tool call written as text (<c>mcpParseTextCalls</c>): a JSON object
/// <c>{"name": …, "arguments"|"parameters": {…}}</c>, bare or inside <c>&lt;tool_call&gt;…&lt;/tool_call&gt;</c>. It counts
/// only when the name is one of the offered tools and the arguments satisfy that tool's input schema; the call is
/// marked as parsed from text.
/// </summary>
internal static class TextToolCall
{
    /// <summary>The key in a call's additional properties that marks it as parsed from text.</summary>
    public const string ParsedFromTextKey = "agon.parsedFromText";

    private const string Open = "<tool_call>";
    private const string Close = "</tool_call>";

    /// <summary>Whether text that has arrived so far could still turn out to be a tool call (streaming holds it back).</summary>
    public static bool CouldBeCall(string textSoFar)
    {
        var text = textSoFar.TrimStart();
        return text.Length == 0
            || text[0] == '{'
            || (text.Length <= Open.Length ? Open.StartsWith(text, StringComparison.Ordinal) : text.StartsWith(Open, StringComparison.Ordinal));
    }

    public static bool IsParsedFromText(FunctionCallContent call) =>
        call.AdditionalProperties?.TryGetValue(ParsedFromTextKey, out var value) == true && value is true;

    /// <summary>The call the whole answer writes, or null when it is anything else (prose, an unknown tool, invalid arguments).</summary>
    public static FunctionCallContent? Parse(string answer, IEnumerable<AITool>? tools)
    {
        var text = answer.Trim();
        if (text.StartsWith(Open, StringComparison.Ordinal) && text.EndsWith(Close, StringComparison.Ordinal))
        {
            text = text[Open.Length..^Close.Length].Trim();
        }

        if (!text.StartsWith('{') || !text.EndsWith('}'))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            JsonElement arguments = default;
            var hasArguments = root.TryGetProperty("arguments", out arguments) || root.TryGetProperty("parameters", out arguments);
            if (hasArguments && arguments.ValueKind == JsonValueKind.String)
            {
                // Some templates write the arguments as a JSON string, as the OpenAI wire does.
                try
                {
                    using var inner = JsonDocument.Parse(arguments.GetString()!);
                    return Build(nameElement.GetString()!, inner.RootElement, root, tools);
                }
                catch (JsonException)
                {
                    return null;
                }
            }

            if (hasArguments && arguments.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            using var empty = JsonDocument.Parse("{}");
            return Build(nameElement.GetString()!, hasArguments ? arguments : empty.RootElement, root, tools);
        }
    }

    private static FunctionCallContent? Build(string name, JsonElement arguments, JsonElement root, IEnumerable<AITool>? tools)
    {
        if (arguments.ValueKind != JsonValueKind.Object
            || root.EnumerateObject().Any(p => p.Name is not ("name" or "arguments" or "parameters" or "id" or "type")))
        {
            return null;
        }

        var tool = tools?.OfType<AIFunctionDeclaration>().FirstOrDefault(t => t.Name == name);
        if (tool is null || JsonSchemaValidator.Validate(arguments, tool.JsonSchema).Count > 0)
        {
            return null;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in arguments.EnumerateObject())
        {
            values[property.Name] = property.Value.Clone();
        }

        return new FunctionCallContent(ToolCallIds.Mint(), name, values)
        {
            AdditionalProperties = new() { [ParsedFromTextKey] = true },
        };
    }
}
