using System.Net;
using System.Text;
using Agon.Hosts;
using Microsoft.Extensions.Time.Testing;

namespace Agon.Tests.Hosts.LlamaCpp;

/// <summary>A host that takes the connection and says nothing is reported as silent; only a real 503 "Loading model" as starting.</summary>
public sealed class HangingHostTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NeverAnswers_SaysItDidNotAnswer_NotStartingUp()
    {
        var server = new BlockingHandler();
        var clock = new FakeTimeProvider();
        await using var host = LlamaCppTestHost.Create(server, timeout: TimeSpan.FromSeconds(2), clock: clock);

        var detect = host.GetInfoAsync(Token);
        await server.Received.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<HostException>(() => detect);

        Assert.Equal("host lab did not answer GET /props within 2 s", error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public async Task Real503LoadingModel_ThenSilence_SaysStartingUp()
    {
        var loading = RecordedExchange.Load("single/00-health-while-loading");
        var clock = new FakeTimeProvider();
        var requests = 0;
        var server = new DelegateHandler(async (_, ct) =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                return loading.ToResponse();
            }

            // The second try: the server is still busy past the timeout.
            clock.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        var options = LlamaCppTestHost.FastPolling with { StartupRetryInterval = TimeSpan.Zero };
        await using var host = LlamaCppTestHost.Create(server, timeout: TimeSpan.FromSeconds(2), clock: clock, options: options);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetInfoAsync(Token));

        Assert.Equal("host lab: starting up (503 Loading model) took longer than the timeout of 2 s", error.Message);
    }

    [Fact]
    public async Task Other503_NotMistakenForLoading_ServerMessage()
    {
        var server = new DelegateHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent("upstream unavailable", Encoding.UTF8, "text/plain"),
        }));
        await using var host = LlamaCppTestHost.Create(server);

        var error = await Assert.ThrowsAsync<HostException>(() => host.GetInfoAsync(Token));

        Assert.Equal("host lab: upstream unavailable (HTTP 503)", error.Message);
    }

    [Fact]
    public async Task Cli_ListHosts_SilentHost_OneLine_Exit1()
    {
        using var env = new FakeEnvironment();
        env.WriteConfig("""{"hosts": [{"name": "r", "type": "llama.cpp", "url": "http://10.0.0.1:8080"}]}""");
        var server = new BlockingHandler();
        var clock = new FakeTimeProvider(AgonRunner.Now);

        var run = AgonRunner.RunArgsAsync(env, ["list", "hosts", "--timeout", "2"], _ => server, Token, timeProvider: clock);
        await server.Received.WaitAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(2));
        var result = await run;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: host r did not answer GET /props within 2 s", result.StdErr.Trim());
        Assert.Matches(@"r\s+llama\.cpp\s+http://10\.0\.0\.1:8080/\s+no", result.StdOut);
    }
}
