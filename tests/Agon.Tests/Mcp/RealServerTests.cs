using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Agon.Configuration;
using Agon.Hosts;
using Agon.Mcp;
using Microsoft.Extensions.AI;

namespace Agon.Tests.Mcp;

/// <summary>
/// Agon's client against real server programs over stdio and Streamable HTTP: the built <c>agon-mcp</c>, and
/// <c>@modelcontextprotocol/server-everything</c> (installed by .ci/run into <c>.ci/mcp/node_modules</c>, or named by <c>AGON_MCP_EVERYTHING</c>; skipped when
/// it or node is absent). Nothing here needs the internet.
/// </summary>
public sealed class RealServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    /// <summary>The agon-mcp the build put beside its project (the test project builds it first).</summary>
    private static string AgonMcp()
    {
        var path = Path.Combine(RepositoryRoot, "src", "Agon.McpServer", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "agon-mcp.exe" : "agon-mcp");
        if (!File.Exists(path))
        {
            Assert.Skip($"agon-mcp is not built at {path}");
        }

        return path;
    }

    private static string Everything()
    {
        var script = Environment.GetEnvironmentVariable("AGON_MCP_EVERYTHING")
            ?? Path.Combine(RepositoryRoot, ".ci", "mcp", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        if (!File.Exists(script))
        {
            Assert.Skip($"@modelcontextprotocol/server-everything is not installed ({script}; .ci/run installs it with npm)");
        }

        if (McpCommandResolver.Resolve("node", Environment.GetEnvironmentVariable("PATH"), RepositoryRoot) is null)
        {
            Assert.Skip("node is not on PATH");
        }

        return script;
    }

    private static async Task<(McpToolbox Toolbox, MemoryLog Log)> StartAsync(params McpServerConfig[] servers)
    {
        var env = new FakeEnvironment();
        env.Set("PATH", Environment.GetEnvironmentVariable("PATH") ?? "").Set("HOME", env.HomeDirectory).Set("AGON_SECRET_NOT_FOR_SERVERS", "s3cret-value");
        var log = new MemoryLog();
        var connector = new McpConnector(env, log, new HostHttpClientFactory(log, TimeProvider.System), TimeSpan.FromSeconds(30));
        return (await McpToolbox.StartAsync(servers, connector, TimeProvider.System, Token), log);
    }

    private static async Task<string> CallAsync(McpToolbox toolbox, string name, Dictionary<string, object?> arguments)
    {
        var invoker = new McpToolInvoker(toolbox, new McpSettings { InitTimeout = TimeSpan.FromSeconds(30) }, new MemoryLog(), TimeProvider.System);
        var context = new FunctionInvocationContext
        {
            Function = (AIFunction)toolbox.Tools.First(t => t.Name == name),
            CallContent = new FunctionCallContent("1", name, arguments),
            Arguments = new AIFunctionArguments(arguments),
        };
        return Assert.IsType<string>(await invoker.InvokeAsync(context, Token));
    }

    private static Dictionary<string, object?> Json(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    [Fact]
    public async Task AgonMcp_OverStdio_ListsAndCallsCurrentTime()
    {
        var (toolbox, log) = await StartAsync(new McpServerConfig { Name = "agon", Command = AgonMcp() });
        await using (toolbox)
        {
            var connection = Assert.Single(toolbox.Connections);
            Assert.True(connection.Started, connection.Error);
            Assert.Contains("current_time", toolbox.Tools.Select(t => t.Name));
            Assert.Contains("current_weather", toolbox.Tools.Select(t => t.Name));

            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 \(UTC\)$", await CallAsync(toolbox, "current_time", Json("""{"timezone":"UTC"}""")));
            Assert.Equal("error: current_time failed: An error occurred invoking 'current_time': unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Paris or UTC)",
                await CallAsync(toolbox, "current_time", Json("""{"timezone":"Mars/Olympus"}""")));
            Assert.DoesNotContain(log.Lines, l => l.Contains("s3cret-value", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AgonMcp_CurrentWeather_AgainstLocalFakes_OfNominatimAndOpenMeteo()
    {
        // Written, not recorded: the fakes answer in the shape of Nominatim's /search (jsonv2) and Open-Meteo's
        // /v1/forecast as agon's weather tool read them; nothing reaches the internet.
        var port = FreePort();
        using var fake = new HttpListener();
        fake.Prefixes.Add($"http://127.0.0.1:{port}/");
        fake.Start();
        var seen = new List<string>();
        var serving = Task.Run(async () =>
        {
            while (fake.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await fake.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var url = context.Request.Url!;
                lock (seen)
                {
                    seen.Add(url.PathAndQuery);
                }

                var body = url.AbsolutePath == "/search"
                    ? url.Query.Contains("Nowhere", StringComparison.Ordinal) ? "[]" : """[{"lat":"45.7578","lon":"4.8320","display_name":"Lyon, Métropole de Lyon, France"}]"""
                    : """{"current":{"temperature_2m":7.4,"relative_humidity_2m":81,"apparent_temperature":5.1,"precipitation":0.2,"cloud_cover":90,"wind_speed_10m":12.3},"daily":{"temperature_2m_min":[3.2],"temperature_2m_max":[9.8]}}""";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes, Token);
                context.Response.Close();
            }
        }, Token);
        var env = new Dictionary<string, string>
        {
            ["AGON_MCP_GEOCODING_URL"] = $"http://127.0.0.1:{port}/search",
            ["AGON_MCP_FORECAST_URL"] = $"http://127.0.0.1:{port}/v1/forecast",
        };
        var (toolbox, _) = await StartAsync(new McpServerConfig { Name = "agon", Command = AgonMcp(), Env = env });
        await using (toolbox)
        {
            Assert.True(toolbox.Connections[0].Started, toolbox.Connections[0].Error);

            Assert.Equal("Lyon, Métropole de Lyon, France: 7.4 °C (feels 5.1 °C), humidity 81 %, cloud 90 %, wind 12.3 km/h, precipitation 0.2 mm; today 3.2–9.8 °C",
                await CallAsync(toolbox, "current_weather", Json("""{"location":"Lyon, France"}""")));
            Assert.Equal("error: current_weather failed: An error occurred invoking 'current_weather': no place called 'Nowhere' was found",
                await CallAsync(toolbox, "current_weather", Json("""{"location":"Nowhere"}""")));
        }

        fake.Stop();
        await serving;
        Assert.Contains(seen, s => s.StartsWith("/search?q=Lyon%2C%20France&format=jsonv2&limit=1", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith("/v1/forecast?latitude=45.7578&longitude=4.8320&current=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgonMcp_FleetTools_RunTheBuiltAgon_WithItsJson()
    {
        var agon = Path.Combine(RepositoryRoot, "src", "Agon", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "agon.exe" : "agon");
        if (!File.Exists(agon))
        {
            Assert.Skip($"agon is not built at {agon}");
        }

        using var scratch = new FakeEnvironment();
        var folder = Path.Combine(scratch.Root, "work");
        Directory.CreateDirectory(Path.Combine(folder, "config"));
        // A host on a closed local port: listed as unreachable, no network needed.
        await File.WriteAllTextAsync(Path.Combine(folder, "config", "config.json"), """{"hosts": [{"name": "lab", "type": "llama.cpp", "url": "http://127.0.0.1:9"}]}""", Token);
        var (toolbox, _) = await StartAsync(new McpServerConfig { Name = "agon", Command = AgonMcp(), Cwd = folder, Env = new Dictionary<string, string> { ["AGON_MCP_AGON"] = agon } });
        await using (toolbox)
        {
            Assert.True(toolbox.Connections[0].Started, toolbox.Connections[0].Error);
            Assert.Contains("list_running", toolbox.Tools.Select(t => t.Name));

            foreach (var tool in new[] { "list_hosts", "list_models", "list_running" })
            {
                var text = await CallAsync(toolbox, tool, []);
                Assert.False(text.StartsWith("error:", StringComparison.Ordinal), text);
                using var json = System.Text.Json.JsonDocument.Parse(text);
                if (tool == "list_hosts")
                {
                    Assert.Contains("\"lab\"", text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Everything_OverStdio_EchoAndSum_EnvNotInherited()
    {
        var script = Everything();
        var (toolbox, _) = await StartAsync(new McpServerConfig { Name = "everything", Command = "node", Args = [script, "stdio"], Env = new Dictionary<string, string> { ["DECLARED"] = "yes" } });
        await using (toolbox)
        {
            Assert.True(toolbox.Connections[0].Started, toolbox.Connections[0].Error);
            Assert.Equal("Echo: hello", await CallAsync(toolbox, "echo", Json("""{"message":"hello"}""")));
            Assert.Equal("The sum of 40 and 2 is 42.", await CallAsync(toolbox, "get-sum", Json("""{"a":40,"b":2}""")));
            var env = await CallAsync(toolbox, "get-env", []);
            Assert.Contains("DECLARED", env, StringComparison.Ordinal);
            Assert.DoesNotContain("AGON_SECRET_NOT_FOR_SERVERS", env, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Everything_OverStreamableHttp_EchoAndSum_WireLogged()
    {
        var script = Everything();
        var port = FreePort();
        using var process = Process.Start(new ProcessStartInfo("node", [script, "streamableHttp"])
        {
            Environment = { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            await WaitForListeningAsync(process);
            var (toolbox, log) = await StartAsync(new McpServerConfig { Name = "everything", Transport = McpTransport.Http, Url = new Uri($"http://127.0.0.1:{port}/mcp") });
            await using (toolbox)
            {
                Assert.True(toolbox.Connections[0].Started, toolbox.Connections[0].Error);
                Assert.Equal("Echo: over http", await CallAsync(toolbox, "echo", Json("""{"message":"over http"}""")));
                Assert.Equal("The sum of 1 and 2 is 3.", await CallAsync(toolbox, "get-sum", Json("""{"a":1,"b":2}""")));
            }

            Assert.Contains(log.Lines, l => l.StartsWith("AGON->MCP host=everything POST", StringComparison.Ordinal));
            Assert.Contains(log.Lines, l => l.StartsWith("MCP->AGON host=everything POST", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Reads the server's stderr until it says it listens (the process tells when it is ready; no sleeping).</summary>
    private static async Task WaitForListeningAsync(Process process)
    {
        while (await process.StandardError.ReadLineAsync(Token) is { } line)
        {
            if (line.Contains("listening on port", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        Assert.Fail("server-everything exited before listening");
    }
}
