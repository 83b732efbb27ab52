namespace Agon.Tests.TestServices;

/// <summary>Sends chat requests to one fake and everything else to another.</summary>
internal sealed class RoutingHandler(HttpMessageHandler management, HttpMessageHandler chat) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _management = new(management);
    private readonly HttpMessageInvoker _chat = new(chat);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri!.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? _chat.SendAsync(request, cancellationToken)
            : _management.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _management.Dispose();
            _chat.Dispose();
        }

        base.Dispose(disposing);
    }
}
