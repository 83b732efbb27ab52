using Agon.Configuration;

namespace Agon.Chat;

/// <summary>One tool call: <c>{id, name, server, arguments, result, isError, durationMs, parsedFromText}</c>; the arguments object as the model sent it.</summary>
internal sealed record ToolCallJson(
    string Id, string Name, string? Server, RawJson Arguments,
    string? Result, bool IsError, double DurationMs, bool ParsedFromText)
{
    public static ToolCallJson From(Mcp.ToolActivity call) => new(
        call.CallId, call.Name, call.Server, new RawJson(call.Arguments),
        call.Result, call.IsError, Math.Round(call.Duration.TotalMilliseconds, 1), call.ParsedFromText);
}
