using System.Text;
using Agon.Configuration;

namespace Agon.Hosts;

/// <summary>
/// The silence timer of one streamed answer, for every HTTP backend: the host timeout bounds the wait for the first
/// data (which may include a model load) and any silence after it, so a stream that keeps producing may run as long as
/// the model writes. Data arriving re-arms it, at most once a second (re-arming a timer costs more than parsing a
/// chunk). It also words the one timeout error, with the partial text kept.
/// </summary>
internal sealed class StreamSilence : IDisposable
{
    private static readonly TimeSpan s_rearmEvery = TimeSpan.FromSeconds(1);
    private readonly Deadline _deadline;
    private readonly HostConfig _host;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _cancellationToken;
    private long _armed;

    public StreamSilence(HostConfig host, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _host = host;
        _timeProvider = timeProvider;
        _cancellationToken = cancellationToken;
        _deadline = new Deadline(host.Timeout, timeProvider, cancellationToken);
        _armed = timeProvider.GetTimestamp();
    }

    /// <summary>The caller's token joined with the silence timeout: pass it to every read of the stream.</summary>
    public CancellationToken Token => _deadline.Token;

    /// <summary>How many items (events, lines) the stream has brought.</summary>
    public int Received { get; private set; }

    /// <summary>Data arrived: the silence starts again.</summary>
    public void Heard()
    {
        if (_timeProvider.GetElapsedTime(_armed) > s_rearmEvery)
        {
            _deadline.Restart(_host.Timeout);
            _armed = _timeProvider.GetTimestamp();
        }
    }

    /// <summary>One more item arrived.</summary>
    public void Counted() => Received++;

    /// <summary>True when <paramref name="ex"/> is the silence running out, not the caller cancelling.</summary>
    public bool IsSilence(Exception ex) => ex is OperationCanceledException && !_cancellationToken.IsCancellationRequested;

    /// <summary>The timeout, worded by whether anything had arrived, with the answer so far.</summary>
    public HostException TimedOut(string model, StringBuilder text) =>
        HostException.TimedOut(_host.Name, Received == 0 ? $"the first token from {model}" : $"the next token from {model} (the answer stalled)", _host.Timeout)
            .WithPartialText(text.ToString());

    public void Dispose() => _deadline.Dispose();
}
