using System.Globalization;
using Agon.Diagnostics;

namespace Agon.Configuration;

/// <summary>
/// What <c>show config</c> prints, as data: the file, each global setting with its source, the hosts and the MCP
/// servers, secrets already masked. <c>--json</c> serialises it (<see cref="ConfigJsonContext"/>); the text view renders it.
/// </summary>
internal sealed record ConfigReport
{
    public required string? ConfigFile { get; init; }

    public required string? ConfigOrigin { get; init; }

    public required string LogFile { get; init; }

    /// <summary>Every global setting by key, in <see cref="GlobalSettings"/> order.</summary>
    public required Dictionary<string, SettingReport> Settings { get; init; }

    public required IReadOnlyList<HostReport> Hosts { get; init; }

    public required IReadOnlyList<McpServerReport> McpServers { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public static ConfigReport Create(AgonConfig config, string logPath) => new()
    {
        ConfigFile = config.FilePath,
        ConfigOrigin = config.FileOrigin,
        LogFile = logPath,
        Settings = GlobalSettings.All.ToDictionary(s => s.Key, s => SettingReport.Create(config.Values.ValueOf(s), config.OriginOf(s)), StringComparer.Ordinal),
        Hosts = [.. config.Hosts.Select(HostReportOf)],
        McpServers = [.. config.Mcp.Servers.Select(McpServerReportOf)],
        Warnings = config.Warnings,
    };

    private static HostReport HostReportOf(HostConfig host) => new()
    {
        Name = host.Name,
        Type = HostTypeNames.ToName(host.Type),
        Url = host.Url?.ToString(),
        Models = host.Models,
        Systemprompt = host.SystemPrompt,
        Parameters = ParameterValues.Of(host.Parameters).ToDictionary(p => p.Key, p => new RawJson(p.Json), StringComparer.Ordinal),
        ApiKey = host.ApiKeySource is null ? null : SecretRedactor.Mask,
        ApiKeySource = host.ApiKeySource,
        TimeoutSeconds = (long)host.Timeout.TotalSeconds,
        KeepAlive = host.KeepAlive,
        ModelsDir = host.RunsInProcess ? host.ModelsDirs : null,
        ModelsMax = host.RunsInProcess ? host.ModelsMax ?? 1 : null,
        Source = host.IsBuiltIn ? "default" : "file",
        Location = host.Url?.ToString() ?? string.Join(", ", host.ModelsDirs),
        TimeoutText = host.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    private static McpServerReport McpServerReportOf(McpServerConfig server) => new()
    {
        Name = server.Name,
        Type = server.Transport.ToString().ToLowerInvariant(),
        Command = server.Command,
        Args = server.Args,
        Url = server.Url?.ToString(),
        Disabled = server.Disabled,
        AllowTools = server.AllowTools,
        ExcludeTools = server.ExcludeTools,
        Source = server.Source,
        Endpoint = server.Endpoint,
        Headers = [.. server.Headers.Select(h => $"{h.Key}={SecretRedactor.Redact(h.Value)}")],
    };
}
