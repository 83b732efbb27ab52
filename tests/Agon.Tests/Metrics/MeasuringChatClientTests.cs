using System.Runtime.CompilerServices;
using Agon.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Metrics;

/// <summary>The client-measured figures, on a fake clock: TTFT at the first content, total at the end, server figures kept.</summary>
public sealed class MeasuringChatClientTests
{
    private sealed class ScriptedClient(FakeTimeProvider clock) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            clock.Advance(TimeSpan.FromMilliseconds(700));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"))
            {
                AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = new ResponseMetrics { GenerationMs = Metric.Server(500) } },
            });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            clock.Advance(TimeSpan.FromMilliseconds(100));
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant };
            clock.Advance(TimeSpan.FromMilliseconds(150));
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Hi");
            clock.Advance(TimeSpan.FromMilliseconds(250));
            yield return new ChatResponseUpdate(ChatRole.Assistant, " there")
            {
                AdditionalProperties = new() { [ResponseMetrics.PropertyKey] = new ResponseMetrics { CompletionTokens = Metric.Server(2), LoadMs = Metric.Client(40) } },
            };
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Streaming_TtftAtFirstText_TotalAtEnd_ServerFiguresKept()
    {
        var clock = new FakeTimeProvider();
        using var client = new MeasuringChatClient(new ScriptedClient(clock), clock);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("hi", null, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal("Hi there", string.Concat(updates.Select(u => u.Text)));
        var metrics = Assert.IsType<ResponseMetrics>(updates[^1].AdditionalProperties![ResponseMetrics.PropertyKey]);
        Assert.Equal(Metric.Client(250), metrics.TtftMs);
        Assert.Equal(Metric.Client(510), metrics.TotalMs);
        Assert.Equal(Metric.Server(2), metrics.CompletionTokens);
        Assert.Equal(Metric.Client(40), metrics.LoadMs);
    }

    [Fact]
    public async Task NonStreaming_TtftIsTheWholeAnswer()
    {
        var clock = new FakeTimeProvider();
        using var client = new MeasuringChatClient(new ScriptedClient(clock), clock);

        var response = await client.GetResponseAsync("hi", null, TestContext.Current.CancellationToken);

        var metrics = Assert.IsType<ResponseMetrics>(response.AdditionalProperties![ResponseMetrics.PropertyKey]);
        Assert.Equal(Metric.Client(700), metrics.TtftMs);
        Assert.Equal(Metric.Client(700), metrics.TotalMs);
        Assert.Equal(Metric.Server(500), metrics.GenerationMs);
    }
}
