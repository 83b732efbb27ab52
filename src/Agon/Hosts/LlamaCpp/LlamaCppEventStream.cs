using System.Net.ServerSentEvents;
using System.Text;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// One streamed answer from llama-server (<c>/v1/chat/completions</c> or <c>/completion</c>), read as SSE events.
/// The host timeout bounds the wait for the first event (which may include a model load) and any silence after it;
/// a stream that keeps producing may run as long as the model writes. A timeout, a dropped connection or an end
/// before the protocol's last event each become one <see cref="HostException"/> that keeps the partial text.
/// </summary>
internal sealed class LlamaCppEventStream<T> : IAsyncDisposable
{
    private readonly LlamaCppHost _host;
    private readonly string _model;
    private readonly StreamSilence _silence;
    private readonly HttpResponseMessage _response;
    private readonly TailCapturingStream _tail;
    private readonly LlamaCppSseEventReader<T> _events;

    private LlamaCppEventStream(
        LlamaCppHost host, string model, StreamSilence silence, HttpResponseMessage response, Stream body, SseItemParser<T> parse)
    {
        _host = host;
        _model = model;
        _silence = silence;
        _response = response;

        // Bytes arriving keep the silence timer alive, checked once per network read rather than per event. The
        // reader asks for 64 KB at a time (a read still returns as soon as any bytes are there).
        _tail = new TailCapturingStream(body, silence.Heard);
        _events = new LlamaCppSseEventReader<T>(_tail, parse);
    }

    public T Current => _events.Current;

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> and opens its event stream; a refusal is raised as the server's words.</summary>
    public static async Task<LlamaCppEventStream<T>> OpenAsync(
        LlamaCppHost host, string model, string path, byte[] body, SseItemParser<T> parse, CancellationToken cancellationToken)
    {
        var silence = new StreamSilence(host.Config, host.TimeProvider, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await host.SendAsync(HttpMethod.Post, path, LlamaCppHost.Json(body), cancellationToken, stream: true);
            if (!response.IsSuccessStatusCode)
            {
                throw await LlamaCppErrors.FromResponseAsync(response, host.Name, model, embeddings: false, cancellationToken);
            }

            return new LlamaCppEventStream<T>(host, model, silence, response, await response.Content.ReadAsStreamAsync(cancellationToken), parse);
        }
        catch
        {
            response?.Dispose();
            silence.Dispose();
            throw;
        }
    }

    /// <summary>The next event; false at the end of the body. <paramref name="text"/> is the answer so far, kept in any failure.</summary>
    public ValueTask<bool> MoveNextAsync(StringBuilder text)
    {
        var next = _events.MoveNextAsync(_silence.Token);
        if (next.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(Counted(next.Result));
        }

        return AwaitAsync(next, text);
    }

    /// <summary>The stream ended before its last event: the router's <c>proxy error</c> tail means the model process died.</summary>
    public HostException Ended(StringBuilder text) =>
        (_tail.Tail.Contains("proxy error", StringComparison.OrdinalIgnoreCase)
            ? HostException.Crashed(_host.Name, _model, midAnswer: true)
            : HostException.StreamEndedEarly(_host.Name, _model)).WithPartialText(text.ToString());

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        await _tail.DisposeAsync();
        _response.Dispose();
        _silence.Dispose();
    }

    private async ValueTask<bool> AwaitAsync(ValueTask<bool> next, StringBuilder text)
    {
        try
        {
            return Counted(await next);
        }
        catch (OperationCanceledException ex) when (_silence.IsSilence(ex))
        {
            throw _silence.TimedOut(_model, text);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw Ended(text);
        }
    }

    private bool Counted(bool hasNext)
    {
        if (hasNext)
        {
            _silence.Counted();
        }

        return hasNext;
    }
}
