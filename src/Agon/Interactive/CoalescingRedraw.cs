namespace Agon.Interactive;

/// <summary>
/// Turns many "something changed" signals (one per token, from any thread) into at most one redraw per
/// <see cref="Delay"/>: the first signal arms a timer, later ones ride along, the timer fires the redraw once.
/// </summary>
internal sealed class CoalescingRedraw(TimeProvider timeProvider, Action redraw) : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(16);

    private readonly Lock _lock = new();
    private ITimer? _timer;
    private bool _armed;
    private bool _disposed;

    public long Redraws { get; private set; }

    public void Notify()
    {
        lock (_lock)
        {
            if (_armed || _disposed)
            {
                return;
            }

            _armed = true;
            _timer ??= timeProvider.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(Delay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    private void Fire()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _armed = false;
            Redraws++;
        }

        redraw();
    }
}
