using System.Net.Http.Headers;
using Agon.Configuration;
using Agon.Diagnostics;

namespace Agon.Hosts;

/// <summary>
/// Builds the one <see cref="HttpClient"/> each host uses: wire logging with redaction, the host's API key as a
/// Bearer token, its timeout. Tests pass their own primary handler to replay recorded server traffic.
/// </summary>
internal sealed class HostHttpClientFactory(IAgonLog log, TimeProvider timeProvider, Func<HostConfig, HttpMessageHandler>? primaryHandler = null)
{
    public HttpClient Create(HostConfig host)
    {
        var primary = primaryHandler?.Invoke(host) ?? new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        var client = new HttpClient(new WireLogHandler(log, host.Name, timeProvider) { InnerHandler = primary })
        {
            BaseAddress = host.Url,
            // No overall timeout: streams may run long. Each host bounds the wait for the first byte itself.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("agon", AgonVersion.Current));
        if (host.ApiKey is { } key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>
    /// The client for one MCP server over HTTP: wire log lines <c>AGON-&gt;MCP</c> / <c>MCP-&gt;AGON</c> with redaction,
    /// no overall timeout (the SDK bounds start-up and each call).
    /// </summary>
    public HttpClient CreateMcp(string serverName)
    {
        var primary = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        var client = new HttpClient(new WireLogHandler(log, serverName, timeProvider, peer: "MCP") { InnerHandler = primary })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("agon", AgonVersion.Current));
        return client;
    }

    /// <summary>
    /// The client for the Hugging Face hub: wire logging with redaction (the token is a registered secret), redirects
    /// followed (the <c>Authorization</c> header is dropped on each, so a CDN never sees the token), no decompression
    /// (blobs are hashed as they arrive), no scan for stream-end lines (blobs are binary, hundreds of MB), no overall timeout.
    /// </summary>
    public HttpClient CreateHub()
    {
        var primary = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = true,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        var client = new HttpClient(new WireLogHandler(log, "huggingface", timeProvider, scanLines: false) { InnerHandler = primary })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("agon", AgonVersion.Current));
        return client;
    }
}
