using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Agon.Configuration;
using Agon.Diagnostics;
using Agon.Terminal;

namespace Agon.Cli;

/// <summary><c>agon show config</c>: the effective configuration and where each value came from; secrets as <c>***</c>.</summary>
internal sealed class ShowConfigCommand : AgonCommand
{
    private readonly Option<bool> _json = JsonOutputOption.Create();

    public ShowConfigCommand()
        : base("config", "The effective configuration and where each value came from (file, environment, flag, default)")
    {
        Options.Add(_json);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var json = context.ParseResult.GetValue(_json);
        if (json)
        {
            context.Console.UseJsonOutput();
        }

        var config = context.Config;
        var settings = GlobalKeys.All.Select(k => (Key: k, Value: ValueOf(config, k.Name), Origin: config.OriginOf(k.Name))).ToList();
        if (json)
        {
            context.Console.WriteData(JsonText.Write(w => WriteJson(w, config, settings, context.LogPath)));
            return Task.FromResult(ExitCodes.Success);
        }

        var console = context.Console;
        console.WriteLine(config.FilePath is null
            ? "Configuration file: none found; using the built-in default (checked --config, AGON_CONFIG, ./config/config.json, ~/.config/agon/config.json)"
            : $"Configuration file: {config.FilePath} (found by {config.FileOrigin})", TextStyle.Bold);
        console.WriteLine($"Log file: {context.LogPath}");
        console.WriteLine();
        console.WriteLine(TextTable.Render(["SETTING", "VALUE", "SOURCE"],
            settings.Select(s => (IReadOnlyList<string>)[s.Key.Name, Display(s.Value), s.Origin.ToString()])));
        console.WriteLine();
        console.WriteLine($"Hosts ({config.Hosts.Count}):", TextStyle.Bold);
        foreach (var host in config.Hosts)
        {
            var location = host.Url?.ToString() ?? string.Join(", ", host.ModelsDirs);
            console.WriteLine($"  {host.Name}  {HostTypeNames.ToName(host.Type)}  {location}  ({(host.IsBuiltIn ? "default" : "file")})");
            if (host.Models.Count > 0)
            {
                console.WriteLine($"    models: {string.Join(", ", host.Models)}");
            }

            if (host.SystemPrompt is not null)
            {
                console.WriteLine($"    systemprompt: {ConsoleText.OneLine(host.SystemPrompt)}");
            }

            var parameters = ParameterValues.Of(host.Parameters).ToList();
            if (parameters.Count > 0)
            {
                console.WriteLine($"    parameters: {string.Join(", ", parameters.Select(p => $"{p.Key}={p.Json}"))}");
            }

            if (host.ApiKeySource is not null)
            {
                console.WriteLine($"    apiKey: {SecretRedactor.Mask} ({host.ApiKeySource})");
            }

            console.WriteLine($"    timeout: {host.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
            if (host.RunsInProcess)
            {
                console.WriteLine($"    modelsMax: {host.ModelsMax?.ToString(CultureInfo.InvariantCulture) ?? "1"}");
            }
        }

        if (config.Mcp.HasServers)
        {
            console.WriteLine($"MCP servers ({config.Mcp.Servers.Count}):", TextStyle.Bold);
            foreach (var server in config.Mcp.Servers)
            {
                console.WriteLine($"  {server.Name}  {McpTransportName(server.Transport)}  {server.Endpoint}  ({server.Source}){(server.Disabled ? "  disabled" : "")}");
                if (server.Headers.Count > 0)
                {
                    console.WriteLine($"    headers: {string.Join(", ", server.Headers.Select(h => $"{h.Key}={SecretRedactor.Redact(h.Value)}"))}");
                }
            }
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private static string McpTransportName(McpTransport transport) => transport.ToString().ToLowerInvariant();

    private static void WriteJson(Utf8JsonWriter w, AgonConfig config, IReadOnlyList<(GlobalKey Key, object? Value, ValueOrigin Origin)> settings, string logPath)
    {
        w.WriteStartObject();
        w.WriteStringOrNull("configFile", config.FilePath);
        w.WriteStringOrNull("configOrigin", config.FileOrigin);
        w.WriteString("logFile", logPath);
        w.WriteStartObject("settings");
        foreach (var (key, value, origin) in settings)
        {
            w.WriteStartObject(key.Name);
            w.WritePropertyName("value");
            w.WriteLooseValue(value);
            w.WriteString("source", origin.SourceName);
            if (origin.Detail is not null)
            {
                w.WriteString("from", origin.Detail);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("hosts");
        foreach (var host in config.Hosts)
        {
            w.WriteStartObject();
            w.WriteString("name", host.Name);
            w.WriteString("type", HostTypeNames.ToName(host.Type));
            w.WriteStringOrNull("url", host.Url?.ToString());
            w.WriteStrings("models", host.Models);
            w.WriteStringOrNull("systemprompt", host.SystemPrompt);
            w.WriteStartObject("parameters");
            foreach (var (key, raw) in ParameterValues.Of(host.Parameters))
            {
                w.WritePropertyName(key);
                w.WriteRawValue(raw);
            }

            w.WriteEndObject();
            w.WriteStringOrNull("apiKey", host.ApiKeySource is null ? null : SecretRedactor.Mask);
            w.WriteStringOrNull("apiKeySource", host.ApiKeySource);
            w.WriteNumber("timeoutSeconds", (long)host.Timeout.TotalSeconds);
            if (host.KeepAlive is not null)
            {
                w.WriteString("keepAlive", host.KeepAlive);
            }

            if (host.RunsInProcess)
            {
                w.WriteStrings("modelsDir", host.ModelsDirs);
                w.WriteNumber("modelsMax", host.ModelsMax ?? 1);
            }

            w.WriteString("source", host.IsBuiltIn ? "default" : "file");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("mcpServers");
        foreach (var server in config.Mcp.Servers)
        {
            w.WriteStartObject();
            w.WriteString("name", server.Name);
            w.WriteString("type", McpTransportName(server.Transport));
            w.WriteStringOrNull("command", server.Command);
            w.WriteStrings("args", server.Args);
            w.WriteStringOrNull("url", server.Url?.ToString());
            w.WriteBoolean("disabled", server.Disabled);
            w.WriteStrings("allowTools", server.AllowTools);
            w.WriteStrings("excludeTools", server.ExcludeTools);
            w.WriteString("source", server.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStrings("warnings", config.Warnings);
        w.WriteEndObject();
    }

    private static string Display(object? value) => value switch
    {
        null => "-",
        bool b => b ? "true" : "false",
        IEnumerable<string> list => list.Any() ? string.Join(", ", list) : "-",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-",
    };

    private static object? ValueOf(AgonConfig c, string key) => key switch
    {
        "timeout" => (int)c.Timeout.TotalSeconds,
        "debug" => c.Debug,
        "logFile" => c.LogFile,
        "metrics" => c.Metrics,
        "multimodelMode" => c.MultimodelMode,
        "pipelineMode" => c.PipelineMode,
        "jsonMode" => c.JsonMode,
        "history" => c.History,
        "mcpMode" => c.McpMode,
        "mcpBinary" => c.McpBinary,
        "mcpInitTimeout" => c.McpInitTimeout,
        "mcpRetryCount" => c.McpRetryCount,
        "mcpMaxRounds" => c.Mcp.MaxRounds,
        "mcpParseTextCalls" => c.Mcp.ParseTextCalls,
        "mcpConfig" => c.Mcp.ConfigFile,
        "export" => c.Export,
        "exportMarkdown" => c.ExportMarkdown,
        "benchmarkMode" => c.BenchmarkMode,
        "benchmarkCount" => c.BenchmarkCount,
        "accuracyMode" => c.AccuracyMode,
        "ragMode" => c.Rag.Enabled,
        "ragCorpusPath" => c.Rag.CorpusPath,
        "ragIndexPath" => c.Rag.IndexPath,
        "ragEmbeddingModel" => c.Rag.EmbeddingModel,
        "ragEmbeddingHost" => c.Rag.EmbeddingHost,
        "ragChunkSizeTokens" => c.Rag.ChunkSizeTokens,
        "ragChunkOverlapTokens" => c.Rag.ChunkOverlapTokens,
        "ragTopK" => c.Rag.TopK,
        "ragContextTokenLimit" => c.Rag.ContextTokenLimit,
        "ragSimilarity" => c.Rag.Similarity,
        "ragAllowedExtensions" => c.Rag.AllowedExtensions,
        "ragExcludeGlobs" => c.Rag.ExcludeGlobs,
        _ => null,
    };
}
