namespace Agon.Tests.TestServices;

/// <summary>A server that accepts a request and never answers: signals arrival, then waits for cancellation.</summary>
internal sealed class BlockingHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Received => _received.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _received.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
