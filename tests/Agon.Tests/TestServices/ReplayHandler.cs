using System.Net;
using System.Text;

namespace Agon.Tests.TestServices;

/// <summary>
/// Replays recorded exchanges. Each request takes the first unused exchange with the same method and path, in
/// order (state sequences replay as recorded); "standing" exchanges answer every matching request; anything
/// else gets the real server's 404 body. Every request is kept for assertions.
/// </summary>
internal sealed class ReplayHandler : HttpMessageHandler
{
    private const string NotFoundBody = """{"error":{"message":"File Not Found","type":"not_found_error","code":404}}""";

    private readonly List<RecordedExchange> _script;
    private readonly List<RecordedExchange> _standing = [];
    private readonly Lock _gate = new();

    public ReplayHandler(params RecordedExchange[] script)
    {
        _script = [.. script];
    }

    public List<SeenRequest> Requests { get; } = [];

    /// <summary>Answers every request to this exchange's method and path, any number of times.</summary>
    public ReplayHandler Always(RecordedExchange exchange)
    {
        _standing.Add(exchange);
        return this;
    }

    public ReplayHandler Always(string name) => Always(RecordedExchange.Load(name));

    public int Unused
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.PathAndQuery;
        lock (_gate)
        {
            Requests.Add(new SeenRequest(request.Method.Method, path, body, request.Headers.Authorization?.ToString(),
                string.Join(",", request.Headers.Accept.Select(a => a.ToString()))));
            var next = _script.FindIndex(e => e.Method == request.Method.Method && e.Path == path);
            if (next >= 0)
            {
                var exchange = _script[next];
                _script.RemoveAt(next);
                return exchange.ToResponse();
            }

            var standing = _standing.FirstOrDefault(e => e.Method == request.Method.Method && e.Path == path);
            if (standing is not null)
            {
                return standing.ToResponse();
            }
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent(NotFoundBody, Encoding.UTF8, "application/json"),
        };
    }
}
