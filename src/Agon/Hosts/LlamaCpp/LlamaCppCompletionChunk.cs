using System.Text.Json.Serialization;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// One object of llama-server's native <c>POST /completion</c>: a streamed event (<c>content</c>, <c>stop:false</c>)
/// or the last one / the whole answer (<c>stop:true</c> — the stream ends after it, there is no <c>[DONE]</c>;
/// <c>stop_type</c> <c>eos</c>, <c>word</c> for a stop string or <c>limit</c> for the token limit or the context;
/// token counts, <c>timings</c>). The error is an object or, from some builds, a plain string.
/// </summary>
internal sealed record LlamaCppCompletionChunk(
    string? Content, bool Stop, string? StopType, string? Model, long? TokensEvaluated, long? TokensPredicted, LlamaCppTimings? Timings,
    [property: JsonConverter(typeof(LlamaCppServerErrorConverter))] LlamaCppServerError? Error)
{
    /// <summary>The raw text of a <c>data:</c> line that is not a JSON object.</summary>
    [JsonIgnore]
    public string? RawText { get; init; }

    /// <summary>The OpenAI-style finish reason of a last object.</summary>
    [JsonIgnore]
    public string? FinishReason => !Stop ? null : StopType switch
    {
        "limit" => "length",
        null or "" or "none" => null,
        _ => "stop",
    };

    /// <summary>What a line that is not a completion object becomes.</summary>
    public static LlamaCppCompletionChunk Unreadable(string text) => new(null, false, null, null, null, null, null, null) { RawText = text };
}
