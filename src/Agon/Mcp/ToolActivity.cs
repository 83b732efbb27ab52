namespace Agon.Mcp;

/// <summary>One tool call of a chat turn as the user is shown it: what was called, with what, and what came back.</summary>
internal sealed record ToolActivity
{
    public required string CallId { get; init; }

    /// <summary>The tool's name as the model used it.</summary>
    public required string Name { get; init; }

    /// <summary>The server that ran it; null when no server has it (an unknown tool).</summary>
    public string? Server { get; init; }

    /// <summary>The arguments as one JSON object.</summary>
    public string Arguments { get; init; } = "{}";

    /// <summary>The text the model read back (null until the result is in).</summary>
    public string? Result { get; init; }

    public bool IsError { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>True when the call was written as text by the model and parsed by Agon (<c>mcpParseTextCalls</c>).</summary>
    public bool ParsedFromText { get; init; }
}
