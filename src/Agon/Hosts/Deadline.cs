namespace Agon.Hosts;

/// <summary>
/// A caller's token joined with a timeout that runs on the injected <see cref="TimeProvider"/> (so tests can use a
/// fake clock). <see cref="Restart"/> re-arms it, for timeouts that measure silence rather than total time.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public Deadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _timer = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True when the timeout (not the caller) ended the wait.</summary>
    public bool Expired => _timer.IsCancellationRequested;

    public void Restart(TimeSpan timeout) => _timer.CancelAfter(timeout);

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
