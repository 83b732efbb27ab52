using Agon.Configuration;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary>The process-wide services every command shares; tests build one with fakes.</summary>
internal sealed record AgonServices(
    IAgonConsole Console,
    IAgonEnvironment Environment,
    TimeProvider TimeProvider,
    Func<HostConfig, HttpMessageHandler>? PrimaryHandler = null,
    Func<McpServerConfig, ModelContextProtocol.Client.IClientTransport?>? McpTransports = null);
