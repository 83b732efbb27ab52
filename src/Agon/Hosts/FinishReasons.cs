using Microsoft.Extensions.AI;

namespace Agon.Hosts;

/// <summary>A server's finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, …) as Microsoft.Extensions.AI's, for every backend.</summary>
internal static class FinishReasons
{
    public static ChatFinishReason? From(string? reason) => reason switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };
}
