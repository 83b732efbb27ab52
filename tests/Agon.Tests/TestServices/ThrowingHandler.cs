namespace Agon.Tests.TestServices;

/// <summary>A server whose every answer breaks the client in an unforeseen way.</summary>
internal sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw exception;
}
