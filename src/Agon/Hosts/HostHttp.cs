using System.Net.Http.Headers;
using Agon.Configuration;

namespace Agon.Hosts;

/// <summary>
/// A host's HTTP channel: bounds the wait for response headers by the host timeout (bodies may stream for as
/// long as the model writes) and turns transport failures into one-line <see cref="HostException"/>s.
/// </summary>
internal sealed class HostHttp(HostConfig config, HttpClient http, TimeProvider timeProvider) : IDisposable
{
    public HttpClient Client => http;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var timeout = new Deadline(config.Timeout, timeProvider, cancellationToken);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw HostException.Unreachable(config.Name, config.Url, ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.NoAnswer(config.Name, $"{method} /{path}", config.Timeout);
        }
    }

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public void Dispose() => http.Dispose();
}
