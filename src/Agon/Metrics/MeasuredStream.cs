using Microsoft.Extensions.AI;

namespace Agon.Metrics;

/// <summary>
/// The stream <see cref="MeasuringChatClient"/> hands on: the backend's updates as they come, with the client's
/// figures (time to first content, total time) merged into the update that carries the server's metrics, which is
/// held back until the stream ends. Written out rather than as an async iterator: an update the backend already has
/// (most of a fast stream) is handed on without an await, a state machine step or a wake-up.
/// </summary>
internal sealed class MeasuredStream(
    IChatClient inner, IEnumerable<ChatMessage> messages, ChatOptions? options, TimeProvider timeProvider, CancellationToken cancellationToken)
    : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
{
    private bool _enumerated;
    private CancellationToken _token;
    private CancellationTokenSource? _linked;
    private IAsyncEnumerator<ChatResponseUpdate>? _source;
    private long _started;
    private Metric? _ttft;
    private ResponseMetrics? _server;
    private ChatResponseUpdate? _pending;
    private bool _ended;

    public ChatResponseUpdate Current { get; private set; } = null!;

    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
    {
        if (_enumerated)
        {
            throw new InvalidOperationException("a chat stream is read once");
        }

        _enumerated = true;
        _token = cancellationToken;
        if (enumeratorToken.CanBeCanceled && enumeratorToken != cancellationToken)
        {
            _linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken) : null;
            _token = _linked?.Token ?? enumeratorToken;
        }

        return this;
    }

    public ValueTask<bool> MoveNextAsync()
    {
        if (_ended)
        {
            return new ValueTask<bool>(false);
        }

        if (_source is null)
        {
            // As an async iterator would: the clock and the backend's stream start with the first read.
            _started = timeProvider.GetTimestamp();
            _source = inner.GetStreamingResponseAsync(messages, options, _token).GetAsyncEnumerator(_token);
        }

        while (true)
        {
            var next = _source!.MoveNextAsync();
            if (!next.IsCompletedSuccessfully)
            {
                return AwaitAsync(next);
            }

            if (Take(next.Result))
            {
                return new ValueTask<bool>(true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        _linked?.Dispose();
    }

    private async ValueTask<bool> AwaitAsync(ValueTask<bool> next)
    {
        while (!Take(await next))
        {
            next = _source!.MoveNextAsync();
        }

        return true;
    }

    /// <summary>One step of the backend's stream; true when there is an update to hand on (now <see cref="Current"/>).</summary>
    private bool Take(bool hasNext)
    {
        if (!hasNext)
        {
            _ended = true;
            var total = Metric.Client(timeProvider.GetElapsedTime(_started).TotalMilliseconds);
            var merged = new ResponseMetrics { TtftMs = _ttft, TotalMs = total }.Merge(_server);
            var last = _pending ?? new ChatResponseUpdate { Role = ChatRole.Assistant };
            (last.AdditionalProperties ??= [])[ResponseMetrics.PropertyKey] = merged;
            Current = last;
            return true;
        }

        var update = _source!.Current;
        if (_ttft is null && HasContent(update))
        {
            _ttft = Metric.Client(timeProvider.GetElapsedTime(_started).TotalMilliseconds);
        }

        if (update.AdditionalProperties?.TryGetValue(ResponseMetrics.PropertyKey, out var m) == true && m is ResponseMetrics metrics)
        {
            // Held back: it is handed on with the client's figures once the stream has ended.
            _server = metrics;
            var earlier = _pending;
            _pending = update;
            if (earlier is null)
            {
                return false;
            }

            Current = earlier;
            return true;
        }

        Current = update;
        return true;
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
