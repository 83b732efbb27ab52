using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Agon.Bench;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1: keep-alive, Content-Length bodies, each answer written in one go as
/// fast as the socket takes it, optionally after a fixed delay (a slow host).
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, (byte[] Body, string ContentType)> _route;
    private readonly TimeSpan _delay;

    public LoopbackHttpServer(Func<string, (byte[] Body, string ContentType)> route, TimeSpan delay = default, int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _route = route;
        _delay = delay;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var network = client.GetStream();
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var (path, ok) = await ReadRequestAsync(network, buffer);
                    if (!ok)
                    {
                        return;
                    }

                    if (_delay > TimeSpan.Zero)
                    {
                        await Task.Delay(_delay, _stop.Token);
                    }

                    var (body, type) = _route(path);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\n\r\n");
                    await network.WriteAsync(head);
                    await network.WriteAsync(body);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body); returns its path.</summary>
    private static async Task<(string Path, bool Ok)> ReadRequestAsync(NetworkStream network, byte[] buffer)
    {
        var received = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await network.ReadAsync(buffer.AsMemory(received));
            if (read == 0)
            {
                return ("", false);
            }

            received += read;
        }

        var headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        var path = headers.Split(' ')[1];
        var length = 0;
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[15..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var bodyReceived = received - (headerEnd + 4);
        while (bodyReceived < length)
        {
            var read = await network.ReadAsync(buffer);
            if (read == 0)
            {
                return ("", false);
            }

            bodyReceived += read;
        }

        return (path, true);
    }
}
