using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// One object of llama-server's native <c>POST /completion</c>: a streamed event (<c>content</c>, <c>stop:false</c>)
/// or the last one / the whole answer (<c>stop:true</c>, <c>stop_type</c>, token counts, <c>timings</c>).
/// </summary>
internal sealed class LlamaCppCompletionChunk
{
    /// <summary>The raw text of a <c>data:</c> line that is not a JSON object.</summary>
    [JsonIgnore]
    public string? RawText { get; init; }

    public string? Content { get; init; }

    /// <summary>True on the last object: the stream ends after it (there is no <c>[DONE]</c>).</summary>
    public bool Stop { get; init; }

    /// <summary><c>eos</c>, <c>word</c> (a stop string), <c>limit</c> (the token limit or the context).</summary>
    public string? StopType { get; init; }

    public string? Model { get; init; }

    public long? TokensEvaluated { get; init; }

    public long? TokensPredicted { get; init; }

    public LlamaCppTimings? Timings { get; init; }

    /// <summary>An error object or, from some builds, a plain string.</summary>
    [JsonConverter(typeof(LlamaCppServerErrorConverter))]
    public LlamaCppServerError? Error { get; init; }

    /// <summary>The OpenAI-style finish reason of a last object.</summary>
    [JsonIgnore]
    public string? FinishReason => !Stop ? null : StopType switch
    {
        "limit" => "length",
        null or "" or "none" => null,
        _ => "stop",
    };
}
