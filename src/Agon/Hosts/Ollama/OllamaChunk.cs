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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return new OllamaChunk { Error = "the server sent a line that is not JSON: " + (line.Length > 200 ? line[..200] + "…" : line) };
        }

        using var _ = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new OllamaChunk { Error = "the server sent a line that is not a JSON object" };
        }

        if (root.TryGetProperty("error", out var error))
        {
            return new OllamaChunk { Error = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText() };
        }

        string? content = null, thinking = null;
        var calls = new List<FunctionCallContent>();
        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            content = Text(message, "content");
            thinking = Text(message, "thinking");
            if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in toolCalls.EnumerateArray())
                {
                    if (!call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
                    if (function.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in args.EnumerateObject())
                        {
                            arguments[property.Name] = property.Value.Clone();
                        }
                    }

                    var id = Text(call, "id") ?? ToolCallIds.Mint();
                    calls.Add(new FunctionCallContent(id, Text(function, "name") ?? "", arguments));
                }
            }
        }

        // /api/generate (raw prompts) carries its text at the top level.
        content ??= Text(root, "response");
        thinking ??= Text(root, "thinking");
        var done = root.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True;
        return new OllamaChunk
        {
            Model = Text(root, "model"),
            Content = content,
            Thinking = thinking,
            ToolCalls = calls,
            Done = done,
            DoneReason = Text(root, "done_reason"),
            Durations = done
                ? new OllamaDurations(Long(root, "total_duration"), Long(root, "load_duration"), Long(root, "prompt_eval_count"),
                    Long(root, "prompt_eval_duration"), Long(root, "eval_count"), Long(root, "eval_duration"))
                : null,
        };
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
