namespace Agon.Tests.TestServices;

/// <summary>Sends requests for some paths to their own fake, everything else to a fallback.</summary>
internal sealed class PathRoutingHandler(HttpMessageHandler fallback, Dictionary<string, HttpMessageHandler> routes) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _fallback = new(fallback);
    private readonly Dictionary<string, HttpMessageInvoker> _routes = routes.ToDictionary(r => r.Key, r => new HttpMessageInvoker(r.Value));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (_routes.TryGetValue(request.RequestUri!.AbsolutePath, out var route) ? route : _fallback).SendAsync(request, cancellationToken);
}
