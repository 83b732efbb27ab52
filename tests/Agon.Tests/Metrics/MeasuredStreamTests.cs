using System.Runtime.CompilerServices;
using Agon.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Metrics;

/// <summary>
/// The measuring client's hand-written stream keeps an async iterator's rules: nothing starts before the first read,
/// updates keep their order, the metrics update is held back to the end (an earlier one is handed on when a newer
/// one comes), and both the call's and the enumerator's tokens reach the backend.
/// </summary>
public sealed class MeasuredStreamTests
{
    private sealed class ListClient(Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> stream) : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return stream(cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static ChatResponseUpdate WithMetrics(string text, ResponseMetrics metrics) =>
        new(ChatRole.Assistant, text) { AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = metrics } };

    private static async IAsyncEnumerable<ChatResponseUpdate> Synchronous(IEnumerable<ChatResponseUpdate> updates)
    {
        foreach (var update in updates)
        {
            yield return update;
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task NoMetricsUpdate_AFinalUpdateCarriesTheClientFigures_StartsAtTheFirstRead()
    {
        var clock = new FakeTimeProvider();
        var inner = new ListClient(_ => Synchronous([new(ChatRole.Assistant, "a"), new(ChatRole.Assistant, "b")]));
        using var client = new MeasuringChatClient(inner, clock);

        var stream = client.GetStreamingResponseAsync("hi", null, TestContext.Current.CancellationToken);
        Assert.Equal(0, inner.Calls);
        clock.Advance(TimeSpan.FromMilliseconds(30));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        Assert.Equal(1, inner.Calls);
        Assert.Equal(["a", "b", ""], updates.Select(u => u.Text));
        var metrics = Assert.IsType<ResponseMetrics>(updates[^1].AdditionalProperties![ResponseMetrics.PropertyKey]);
        Assert.Equal(Metric.Client(0), metrics.TtftMs);
        Assert.Equal(Metric.Client(0), metrics.TotalMs);
    }

    [Fact]
    public async Task TwoMetricsUpdates_TheEarlierGoesOutInOrder_TheLaterIsLastWithTheMerge()
    {
        var clock = new FakeTimeProvider();
        var first = WithMetrics("x", new ResponseMetrics { CompletionTokens = Metric.Server(1) });
        var second = WithMetrics("", new ResponseMetrics { CompletionTokens = Metric.Server(3) });
        using var client = new MeasuringChatClient(new ListClient(_ => Synchronous([first, new(ChatRole.Assistant, "y"), second])), clock);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("hi", null, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal(3, updates.Count);
        Assert.Same(first, updates[1]);
        Assert.Same(second, updates[2]);
        Assert.Equal("y", updates[0].Text);
        var merged = Assert.IsType<ResponseMetrics>(second.AdditionalProperties![ResponseMetrics.PropertyKey]);
        Assert.Equal(Metric.Server(3), merged.CompletionTokens);
        Assert.NotNull(merged.TotalMs);
    }

    [Fact]
    public async Task TheEnumeratorsToken_ReachesTheBackend_WithTheCallsToken()
    {
        using var call = new CancellationTokenSource();
        using var enumeration = new CancellationTokenSource();
        CancellationToken seen = default;
        var inner = new ListClient(token =>
        {
            seen = token;
            return Waiting(token);
        });
        using var client = new MeasuringChatClient(inner, new FakeTimeProvider());

        var enumerator = client.GetStreamingResponseAsync("hi", null, call.Token).GetAsyncEnumerator(enumeration.Token);
        var next = enumerator.MoveNextAsync();
        Assert.False(next.IsCompleted);
        await enumeration.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        Assert.True(seen.IsCancellationRequested);
        await enumerator.DisposeAsync();
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Waiting([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
