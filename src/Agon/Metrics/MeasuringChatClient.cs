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

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        new MeasuredStream(InnerClient, messages, options, timeProvider, cancellationToken);
}
