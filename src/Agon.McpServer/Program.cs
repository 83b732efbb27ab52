using Agon.McpServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
// stdout is the protocol: every log line goes to stderr, warnings and worse only.
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(WeatherEndpoints.FromEnvironment(Environment.GetEnvironmentVariable));
builder.Services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
builder.Services.AddSingleton(AgonExecutable.Find(Environment.GetEnvironmentVariable));
builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "agon-mcp", Version = "0.1.0" })
    .WithStdioServerTransport()
    .WithTools<TimeTools>()
    .WithTools<WeatherTools>()
    .WithTools<FleetTools>();
await builder.Build().RunAsync();
