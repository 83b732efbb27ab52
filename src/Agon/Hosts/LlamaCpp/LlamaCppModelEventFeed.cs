using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Agon.Hosts.LlamaCpp;

/// <summary>
/// An open <c>GET /models/sse</c> subscription. Opened before the load or download it watches, because the
/// router does not replay events sent before a client subscribes. Disposing closes the connection.
/// </summary>
internal sealed class LlamaCppModelEventFeed : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;

    private LlamaCppModelEventFeed(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _stream = stream;
    }

    /// <summary>Subscribes, or returns null when the server has no event feed (older builds).</summary>
    public static async Task<LlamaCppModelEventFeed?> OpenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "models/sse");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                response.Dispose();
                return null;
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new LlamaCppModelEventFeed(response, stream);
        }
        catch (HttpRequestException)
        {
            response?.Dispose();
            return null;
        }
    }

    public async IAsyncEnumerable<LlamaCppModelEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = SseParser.Create(_stream);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (LlamaCppModelEvent.Parse(item.Data) is { } e)
            {
                yield return e;
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _response.Dispose();
    }
}
