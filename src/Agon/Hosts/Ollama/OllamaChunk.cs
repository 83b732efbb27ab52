using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agon.Hosts.Ollama;

/// <summary>One NDJSON line of <c>/api/chat</c> or <c>/api/generate</c> (or the whole non-streaming answer).</summary>
internal sealed record OllamaChunk
{
    public string? Model { get; init; }

    public string? Content { get; init; }

    public string? Thinking { get; init; }

    public IReadOnlyList<FunctionCallContent> ToolCalls { get; init; } = [];

    public bool Done { get; init; }

    public string? DoneReason { get; init; }

    public OllamaDurations? Durations { get; init; }

    /// <summary>An <c>{"error":…}</c> line.</summary>
    public string? Error { get; init; }

    public static OllamaChunk Parse(string line)
    {
        OllamaChatLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(line, OllamaJsonContext.Default.OllamaChatLine);
        }
        catch (JsonException)
        {
            return new OllamaChunk { Error = "the server sent a line that is not JSON: " + (line.Length > 200 ? line[..200] + "…" : line) };
        }

        if (parsed is null)
        {
            return new OllamaChunk { Error = "the server sent a line that is not a JSON object" };
        }

        if (OllamaError.TextOf(parsed.Error) is { } error)
        {
            return new OllamaChunk { Error = error };
        }

        var calls = new List<FunctionCallContent>();
        foreach (var call in parsed.Message?.ToolCalls ?? [])
        {
            if (call.Function is not { } function)
            {
                continue;
            }

            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in function.Arguments ?? [])
            {
                arguments[name] = value;
            }

            calls.Add(new FunctionCallContent(call.Id ?? ToolCallIds.Mint(), function.Name ?? "", arguments));
        }

        // /api/generate (raw prompts) carries its text at the top level.
        return new OllamaChunk
        {
            Model = parsed.Model,
            Content = parsed.Message?.Content ?? parsed.Response,
            Thinking = parsed.Message?.Thinking ?? parsed.Thinking,
            ToolCalls = calls,
            Done = parsed.Done,
            DoneReason = parsed.DoneReason,
            Durations = parsed.Done
                ? new OllamaDurations(parsed.TotalDuration, parsed.LoadDuration, parsed.PromptEvalCount, parsed.PromptEvalDuration, parsed.EvalCount, parsed.EvalDuration)
                : null,
        };
    }
}
