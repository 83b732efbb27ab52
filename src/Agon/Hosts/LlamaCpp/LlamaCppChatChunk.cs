namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// One parsed chat completion object: a streamed <c>chat.completion.chunk</c> (its <c>delta</c>) or a whole
/// <c>chat.completion</c> (its <c>message</c>). Only the fields Agon uses are read.
/// </summary>
internal sealed class LlamaCppChatChunk
{
    /// <summary>The <c>data: [DONE]</c> marker.</summary>
    public static readonly LlamaCppChatChunk Done = new() { IsDone = true };

    public bool IsDone { get; private init; }

    /// <summary>The raw text of a <c>data:</c> line that is not JSON.</summary>
    public string? RawText { get; init; }

    public string? Id { get; set; }

    public string? Model { get; set; }

    public long? Created { get; set; }

    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? ReasoningContent { get; set; }

    public string? FinishReason { get; set; }

    public List<LlamaCppToolCallDelta>? ToolCalls { get; set; }

    public LlamaCppChatUsage? Usage { get; set; }

    public LlamaCppTimings? Timings { get; set; }

    /// <summary>An <c>{"error":…}</c> object (streamed mid-answer, or an error envelope).</summary>
    public LlamaCppServerError? Error { get; set; }

    /// <summary>Empties the chunk so a stream can refill it (<see cref="LlamaCppChatStreamState"/>).</summary>
    public void Clear()
    {
        Id = null;
        Model = null;
        Created = null;
        Role = null;
        Content = null;
        ReasoningContent = null;
        FinishReason = null;
        ToolCalls = null;
        Usage = null;
        Timings = null;
        Error = null;
    }
}
