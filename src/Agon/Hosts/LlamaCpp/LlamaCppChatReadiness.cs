using Agon.Metrics;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// How a model got ready for a chat: loaded beforehand (the load was measured), asleep and woken by the chat
/// request itself, or ready already. For a wake the load time is what the request waited beyond the server's own
/// prompt and generation work, known once the answer's timings have arrived.
/// </summary>
internal sealed class LlamaCppChatReadiness
{
    private readonly TimeProvider _timeProvider;
    private readonly Metric? _measured;
    private readonly long _started;

    private LlamaCppChatReadiness(TimeProvider timeProvider, Metric? measured, bool waking)
    {
        _timeProvider = timeProvider;
        _measured = measured;
        Waking = waking;
        _started = timeProvider.GetTimestamp();
    }

    /// <summary>True when the model was asleep: the chat request wakes it.</summary>
    public bool Waking { get; }

    public static LlamaCppChatReadiness Ready(TimeProvider timeProvider, Metric? loadMs = null) => new(timeProvider, loadMs, waking: false);

    public static LlamaCppChatReadiness Asleep(TimeProvider timeProvider) => new(timeProvider, null, waking: true);

    /// <summary>The load time of this answer; call when the answer is complete.</summary>
    public Metric? LoadMs(LlamaCppTimings? timings)
    {
        if (!Waking)
        {
            return _measured;
        }

        var waited = _timeProvider.GetElapsedTime(_started).TotalMilliseconds;
        var work = (timings?.PromptMs ?? 0) + (timings?.PredictedMs ?? 0);
        return Metric.Client(Math.Max(0, waited - work));
    }
}
