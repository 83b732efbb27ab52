using System.Collections.Concurrent;
using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Hosts;
using ModelContextProtocol.Client;

namespace Agon.Mcp;

/// <summary>
/// Starts or reaches one MCP server with the official SDK: stdio servers get only the allowlisted environment plus
/// their own, their working directory, and their stderr goes to the log file (never the terminal); HTTP and SSE
/// servers go through Agon's <see cref="HttpClient"/>, so the wire log and secret redaction apply.
/// </summary>
internal sealed class McpConnector(
    IAgonEnvironment environment,
    IAgonLog log,
    HostHttpClientFactory httpClients,
    TimeSpan initTimeout,
    Func<McpServerConfig, IClientTransport?>? transportOverride = null)
{
    /// <summary>The last stderr lines of each stdio server, for a start-up failure message.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _stderr = new(StringComparer.Ordinal);

    public async Task<McpClient> ConnectAsync(McpServerConfig server, CancellationToken cancellationToken)
    {
        var transport = transportOverride?.Invoke(server) ?? CreateTransport(server);
        var options = new McpClientOptions
        {
            ClientInfo = new() { Name = "agon", Version = AgonVersion.Current },
            InitializationTimeout = initTimeout,
        };
        try
        {
            return await McpClient.CreateAsync(transport, options, loggerFactory: null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Write($"MCP server={server.Name} start failed: {SecretRedactor.Redact(ex.ToString())}");
            var tail = StderrTail(server.Name);
            var reason = ex is TimeoutException or OperationCanceledException
                ? $"no answer to the MCP handshake within {initTimeout.TotalSeconds:0} s (mcpInitTimeout)"
                : OneLine(ex.Message);
            throw new McpStartException(tail.Length > 0 ? $"{reason}; its last output: {tail}" : reason);
        }
    }

    /// <summary>The server's last stderr lines, joined with " | ".</summary>
    public string StderrTail(string server) =>
        _stderr.TryGetValue(server, out var lines) ? SecretRedactor.Redact(string.Join(" | ", lines)) : "";

    private IClientTransport CreateTransport(McpServerConfig server)
    {
        if (server.Transport == McpTransport.Stdio)
        {
            var workingDirectory = server.Cwd ?? environment.CurrentDirectory;
            if (!Directory.Exists(workingDirectory))
            {
                throw new McpStartException($"its cwd {workingDirectory} does not exist");
            }

            var childEnvironment = McpChildEnvironment.For(server, environment);
            var command = McpCommandResolver.Resolve(server.Command!, childEnvironment.GetValueOrDefault("PATH"), workingDirectory)
                ?? throw new McpStartException(server.WhenMissing ?? (server.Command!.Contains('/', StringComparison.Ordinal)
                    ? $"command {server.Command} does not exist"
                    : $"command {server.Command} was not found on PATH"));
            var lines = _stderr.GetOrAdd(server.Name, _ => new ConcurrentQueue<string>());
            return new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = server.Name,
                Command = command,
                Arguments = [.. server.Args],
                WorkingDirectory = workingDirectory,
                InheritEnvironmentVariables = false,
                EnvironmentVariables = childEnvironment,
                ShutdownTimeout = TimeSpan.FromSeconds(2),
                StandardErrorLines = line =>
                {
                    log.Write($"MCP server={server.Name} stderr: {SecretRedactor.Redact(line)}");
                    lines.Enqueue(line);
                    while (lines.Count > 3 && lines.TryDequeue(out _))
                    {
                    }
                },
            });
        }

        var http = httpClients.CreateMcp(server.Name);
        return new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Name = server.Name,
                Endpoint = server.Url!,
                TransportMode = server.Transport == McpTransport.Sse ? HttpTransportMode.Sse : HttpTransportMode.AutoDetect,
                AdditionalHeaders = server.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
                ConnectionTimeout = initTimeout,
            },
            http,
            loggerFactory: null,
            ownsHttpClient: true);
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return SecretRedactor.Redact(line.Length > 300 ? line[..300] + "…" : line);
    }
}
