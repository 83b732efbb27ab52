using System.Text.Json.Serialization;

namespace Agon.Chat;

/// <summary>One tool call: <c>{id, name, server, arguments, result, isError, durationMs, parsedFromText}</c>.</summary>
internal sealed record ToolCallJson
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Server { get; init; }

    /// <summary>The arguments object as the model sent it.</summary>
    [JsonConverter(typeof(RawJsonConverter))]
    public required string Arguments { get; init; }

    public string? Result { get; init; }

    public bool IsError { get; init; }

    public double DurationMs { get; init; }

    public bool ParsedFromText { get; init; }

    public static ToolCallJson From(Mcp.ToolActivity call) => new()
    {
        Id = call.CallId,
        Name = call.Name,
        Server = call.Server,
        Arguments = call.Arguments,
        Result = call.Result,
        IsError = call.IsError,
        DurationMs = Math.Round(call.Duration.TotalMilliseconds, 1),
        ParsedFromText = call.ParsedFromText,
    };
}
