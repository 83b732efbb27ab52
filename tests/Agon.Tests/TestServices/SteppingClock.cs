using System.Collections.Concurrent;

namespace Agon.Tests.TestServices;

/// <summary>
/// A clock for download tests: each reading moves one second on (so every chunk is worth a progress report), pauses
/// of up to <see cref="MaxSkipped"/> (retry back-off) end at once and are recorded, longer ones (timeouts) never end.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    public static readonly TimeSpan MaxSkipped = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<TimeSpan> _pauses = new();
    private long _ticks;

    public IReadOnlyList<TimeSpan> Pauses => [.. _pauses];

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond);

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).AddTicks(Interlocked.Read(ref _ticks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime <= MaxSkipped)
        {
            _pauses.Enqueue(dueTime);
            return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return System.CreateTimer(callback, state, dueTime <= TimeSpan.Zero ? dueTime : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
