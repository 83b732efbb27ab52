using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>A tool call's <c>function</c>: its name and a piece of its arguments (a string, or an object from some templates).</summary>
internal sealed record LlamaCppToolCallFunctionJson(string? Name, JsonElement? Arguments)
{
    /// <summary>The arguments as text: a string as it is, an object as its JSON.</summary>
    public string? ArgumentsText => Arguments switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } json => json.GetRawText(),
    };
}
