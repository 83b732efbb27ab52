using System.Globalization;
using System.Text.Json;
using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon show config</c>: the effective configuration and where each value came from; secrets as <c>***</c>.</summary>
internal sealed class ShowConfigCommand : AgonCommand
{

    public ShowConfigCommand()
        : base("config", "The effective configuration and where each value came from (file, environment, flag, default)")
    {
        Options.Add(JsonOption);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var json = context.Console.JsonOutput;

        var report = ConfigReport.Create(context.Config, context.LogPath);
        if (json)
        {
            context.Console.WriteData(JsonText.Write(w => JsonSerializer.Serialize(w, report, ConfigJsonContext.Default.ConfigReport)));
        }
        else
        {
            Render(context.Console, report);
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private static void Render(IAgonConsole console, ConfigReport report)
    {
        console.WriteLine(report.ConfigFile is null
            ? "Configuration file: none found; using the built-in default (checked --config, AGON_CONFIG, ./config/config.json, ~/.config/agon/config.json)"
            : $"Configuration file: {report.ConfigFile} (found by {report.ConfigOrigin})", TextStyle.Bold);
        console.WriteLine($"Log file: {report.LogFile}");
        console.WriteLine();
        console.WriteLine(TextTable.Render(["SETTING", "VALUE", "SOURCE"],
            report.Settings.Select(s => (IReadOnlyList<string>)[s.Key, s.Value.Text, s.Value.OriginText])));
        console.WriteLine();
        console.WriteLine($"Hosts ({report.Hosts.Count}):", TextStyle.Bold);
        foreach (var host in report.Hosts)
        {
            console.WriteLine($"  {host.Name}  {host.Type}  {host.Location}  ({host.Source})");
            if (host.Models.Count > 0)
            {
                console.WriteLine($"    models: {string.Join(", ", host.Models)}");
            }

            if (host.Systemprompt is not null)
            {
                console.WriteLine($"    systemprompt: {ConsoleText.OneLine(host.Systemprompt)}");
            }

            if (host.Parameters.Count > 0)
            {
                console.WriteLine($"    parameters: {string.Join(", ", host.Parameters.Select(p => $"{p.Key}={p.Value}"))}");
            }

            if (host.ApiKeySource is not null)
            {
                console.WriteLine($"    apiKey: {SecretRedactor.Mask} ({host.ApiKeySource})");
            }

            console.WriteLine($"    timeout: {host.TimeoutText}s");
            if (host.ModelsMax is { } modelsMax)
            {
                console.WriteLine($"    modelsMax: {modelsMax.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (report.McpServers.Count > 0)
        {
            console.WriteLine($"MCP servers ({report.McpServers.Count}):", TextStyle.Bold);
            foreach (var server in report.McpServers)
            {
                console.WriteLine($"  {server.Name}  {server.Type}  {server.Endpoint}  ({server.Source}){(server.Disabled ? "  disabled" : "")}");
                if (server.Headers.Count > 0)
                {
                    console.WriteLine($"    headers: {string.Join(", ", server.Headers)}");
                }
            }
        }
    }
}
