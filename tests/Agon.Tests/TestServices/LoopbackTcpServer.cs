using System.Net;
using System.Net.Sockets;

namespace Agon.Tests.TestServices;

/// <summary>
/// A TCP server on 127.0.0.1 for the fakes that real processes must reach over a socket: it accepts until disposed
/// and serves each connection on its own task (<see cref="ServeAsync"/>). Derived types call <see cref="Start"/>.
/// </summary>
internal abstract class LoopbackTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        OnStopping();
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    protected void Start()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Serves one connection; the server disposes the client afterwards.</summary>
    protected abstract Task ServeAsync(TcpClient client);

    /// <summary>Called first when the server is disposed (to release what a connection waits on).</summary>
    protected virtual void OnStopping()
    {
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

            _ = ServeThenCloseAsync(client);
        }
    }

    private async Task ServeThenCloseAsync(TcpClient client)
    {
        using (client)
        {
            await ServeAsync(client);
        }
    }
}
