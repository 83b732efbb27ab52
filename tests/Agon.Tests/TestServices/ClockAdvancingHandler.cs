using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.TestServices;

/// <summary>Moves a fake clock on while the server "works" on requests to one path (a model waking up, say).</summary>
internal sealed class ClockAdvancingHandler(HttpMessageHandler inner, FakeTimeProvider clock, string path, TimeSpan by) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath == path)
        {
            clock.Advance(by);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
