namespace Agon.Tests.TestServices;

/// <summary>
/// Proves two chat requests are in flight at the same time: each of a pair answers only once the other has received
/// its request too. Run one after the other, the first would wait in vain (and fail after a bound).
/// </summary>
internal sealed class RendezvousHandler(HttpMessageHandler inner, string chatPathSuffix) : DelegatingHandler(inner)
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RendezvousHandler? Partner { get; set; }

    public static (RendezvousHandler, RendezvousHandler) Pair(HttpMessageHandler a, string chatA, HttpMessageHandler b, string chatB)
    {
        var first = new RendezvousHandler(a, chatA);
        var second = new RendezvousHandler(b, chatB) { Partner = first };
        first.Partner = second;
        return (first, second);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith(chatPathSuffix, StringComparison.Ordinal))
        {
            _arrived.TrySetResult();
            await Partner!._arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
