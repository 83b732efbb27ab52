using System.Globalization;
using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// Turns the file's top level, the environment and the flags into the effective <see cref="AgonConfig"/>: the
/// global keys by precedence, the hosts and the MCP servers, the checks across keys, and the built-in host when
/// the file names none.
/// </summary>
internal sealed class ConfigBinder(IAgonEnvironment environment)
{
    public AgonConfig Bind(JsonElement? root, ConfigFileLocation location, ConfigDiagnostics diagnostics, ConfigOverrides overrides)
    {
        var path = location.Path;
        var values = new GlobalValues();

        JsonElement? hostsElement = null;
        IReadOnlyList<McpServerConfig> mcpServers = [];
        if (root is { } rootElement)
        {
            foreach (var property in rootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "hosts", StringComparison.OrdinalIgnoreCase))
                {
                    hostsElement = property.Value;
                    continue;
                }

                if (string.Equals(property.Name, "mcpServers", StringComparison.OrdinalIgnoreCase))
                {
                    mcpServers = new McpServersReader(environment, diagnostics).Read(property.Value, property.Name, "mcpServers");
                    continue;
                }

                var key = GlobalKeys.Find(property.Name);
                if (key is null)
                {
                    diagnostics.UnknownKey(property.Name, property.Name, GlobalKeys.All.Select(k => k.Name).Append("hosts").Append("mcpServers"));
                    continue;
                }

                values.ReadFile(key, property.Value, path, diagnostics);
            }
        }

        EnvironmentSettings.Apply(values, environment, diagnostics);
        values.ApplyFlags(overrides);

        var timeout = TimeSpan.FromSeconds(Convert.ToInt64(values["timeout"], CultureInfo.InvariantCulture));
        var hosts = hostsElement is { } h
            ? new HostsReader(environment, diagnostics, timeout).Read(h)
            : [];
        if (hosts.Count == 0 && diagnostics.Errors.Count == 0)
        {
            hosts = [BuiltInHost(timeout)];
        }

        if (overrides.ModelsDirs.Count > 0)
        {
            var extra = overrides.ModelsDirs.Select(d => AgonPaths.Resolve(environment, d)).ToList();
            hosts = hosts.Select(h => h.Type == HostType.Embedded ? h with { ModelsDirs = [.. extra, .. h.ModelsDirs] } : h).ToList();
        }

        if (values["multimodelMode"] is true && values["pipelineMode"] is true)
        {
            diagnostics.Error("multimodelMode", $"multimodelMode ({values.OriginText("multimodelMode")}) and pipelineMode ({values.OriginText("pipelineMode")}) cannot both be on; choose one");
        }

        var mcp = McpFrom(values, mcpServers, diagnostics);
        if (diagnostics.Errors.Count > 0)
        {
            throw ConfigException.FromErrors(diagnostics.Errors);
        }

        return new AgonConfig
        {
            FilePath = path,
            FileOrigin = location.Origin,
            Hosts = hosts,
            Timeout = timeout,
            Debug = (bool)values["debug"]!,
            LogFile = values["logFile"] as string,
            Metrics = (bool)values["metrics"]!,
            MultimodelMode = (bool)values["multimodelMode"]!,
            PipelineMode = (bool)values["pipelineMode"]!,
            JsonMode = (bool)values["jsonMode"]!,
            History = (bool)values["history"]!,
            McpMode = (bool)values["mcpMode"]!,
            McpBinary = values["mcpBinary"] as string,
            McpInitTimeout = ToInt(values["mcpInitTimeout"]),
            McpRetryCount = ToInt(values["mcpRetryCount"]),
            Mcp = mcp,
            Export = values["export"] as string,
            ExportMarkdown = values["exportMarkdown"] as string,
            BenchmarkMode = (bool)values["benchmarkMode"]!,
            BenchmarkCount = ToInt(values["benchmarkCount"]),
            AccuracyMode = (bool)values["accuracyMode"]!,
            Rag = new RagSettings
            {
                Enabled = (bool)values["ragMode"]!,
                CorpusPath = values["ragCorpusPath"] as string,
                IndexPath = values["ragIndexPath"] as string,
                EmbeddingModel = values["ragEmbeddingModel"] as string,
                EmbeddingHost = values["ragEmbeddingHost"] as string,
                ChunkSizeTokens = ToInt(values["ragChunkSizeTokens"]),
                ChunkOverlapTokens = ToInt(values["ragChunkOverlapTokens"]),
                TopK = ToInt(values["ragTopK"]),
                ContextTokenLimit = ToInt(values["ragContextTokenLimit"]),
                Similarity = values["ragSimilarity"] as string,
                AllowedExtensions = values["ragAllowedExtensions"] as IReadOnlyList<string> ?? [],
                ExcludeGlobs = values["ragExcludeGlobs"] as IReadOnlyList<string> ?? [],
            },
            Origins = values.Origins,
            Warnings = diagnostics.Warnings,
        };
    }

    private McpSettings McpFrom(GlobalValues values, IReadOnlyList<McpServerConfig> servers, ConfigDiagnostics diagnostics)
    {
        var configFile = values["mcpConfig"] as string;
        if (configFile is not null)
        {
            var fromFile = McpConfigFile.Read(environment, configFile);
            diagnostics.Absorb(fromFile.Diagnostics);
            foreach (var server in fromFile.Servers)
            {
                if (servers.Any(s => string.Equals(s.Name, server.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    diagnostics.Warning("mcpServers", $"server \"{server.Name}\" is also in {configFile}; the one in mcpServers is used");
                }
            }

            servers = [.. servers, .. fromFile.Servers.Where(f => !servers.Any(s => string.Equals(s.Name, f.Name, StringComparison.OrdinalIgnoreCase)))];
        }

        var initTimeout = ToInt(values["mcpInitTimeout"]);
        return new McpSettings
        {
            Enabled = (bool)values["mcpMode"]!,
            Binary = values["mcpBinary"] as string,
            ConfigFile = configFile,
            InitTimeout = TimeSpan.FromSeconds(initTimeout == 0 ? McpSettings.DefaultInitTimeoutSeconds : initTimeout),
            RetryCount = ToInt(values["mcpRetryCount"]),
            MaxRounds = ToInt(values["mcpMaxRounds"]),
            ParseTextCalls = (bool)values["mcpParseTextCalls"]!,
            Servers = servers,
        };
    }

    private HostConfig BuiltInHost(TimeSpan timeout) => new()
    {
        Name = "local",
        Type = HostType.Embedded,
        ModelsDirs = [AgonPaths.Resolve(environment, "models")],
        ModelsMax = 1,
        Timeout = timeout,
        IsBuiltIn = true,
    };

    private static int ToInt(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
