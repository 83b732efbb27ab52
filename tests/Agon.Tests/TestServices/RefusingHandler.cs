using System.Net.Sockets;

namespace Agon.Tests.TestServices;

/// <summary>A host nobody listens on: every request fails as a refused connection does.</summary>
internal sealed class RefusingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Connection refused (127.0.0.1:8080)", new SocketException((int)SocketError.ConnectionRefused));
}
