using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Agon.Metrics;

/// <summary>
/// Adds the client-measured figures to any backend's answer: time to first content (<c>ttftMs</c>) and total
/// time (<c>totalMs</c>), merged with the server's own figures into one <see cref="ResponseMetrics"/>.
/// </summary>
internal sealed class MeasuringChatClient(IChatClient inner, TimeProvider timeProvider) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        var total = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var server = response.AdditionalProperties?.TryGetValue(ResponseMetrics.PropertyKey, out var m) == true ? m as ResponseMetrics : null;
        (response.AdditionalProperties ??= [])[ResponseMetrics.PropertyKey] = new ResponseMetrics
        {
            // Without streaming the first content arrives with the whole answer.
            TtftMs = Metric.Client(total),
            TotalMs = Metric.Client(total),
        }.Merge(server);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        Metric? ttft = null;
        ResponseMetrics? server = null;
        ChatResponseUpdate? pending = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (ttft is null && HasContent(update))
            {
                ttft = Metric.Client(timeProvider.GetElapsedTime(started).TotalMilliseconds);
            }

            if (update.AdditionalProperties?.TryGetValue(ResponseMetrics.PropertyKey, out var m) == true && m is ResponseMetrics metrics)
            {
                // Held back: it is handed on with the client's figures once the stream has ended.
                server = metrics;
                if (pending is not null)
                {
                    yield return pending;
                }

                pending = update;
                continue;
            }

            yield return update;
        }

        var total = Metric.Client(timeProvider.GetElapsedTime(started).TotalMilliseconds);
        var merged = new ResponseMetrics { TtftMs = ttft, TotalMs = total }.Merge(server);
        pending ??= new ChatResponseUpdate { Role = ChatRole.Assistant };
        (pending.AdditionalProperties ??= [])[ResponseMetrics.PropertyKey] = merged;
        yield return pending;
    }

    private static bool HasContent(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            if ((content is TextContent { Text.Length: > 0 }) || (content is TextReasoningContent { Text.Length: > 0 }))
            {
                return true;
            }
        }

        return false;
    }
}
