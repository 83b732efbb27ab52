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

                var setting = GlobalSettings.Find(property.Name);
                if (setting is null)
                {
                    diagnostics.UnknownKey(property.Name, property.Name, GlobalSettings.All.Select(s => s.Key).Append("hosts").Append("mcpServers"));
                    continue;
                }

                values.ReadFile(setting, property.Value, path, diagnostics);
            }
        }

        EnvironmentSettings.Apply(values, environment, diagnostics);
        values.ApplyFlags(overrides);

        var timeout = TimeSpan.FromSeconds(values.Get(GlobalSettings.Timeout));
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

        var (multimodel, pipeline) = (GlobalSettings.MultimodelMode, GlobalSettings.PipelineMode);
        if (values.Get(multimodel) && values.Get(pipeline))
        {
            diagnostics.Error(multimodel.Key, $"{multimodel} ({values.OriginOf(multimodel)}) and {pipeline} ({values.OriginOf(pipeline)}) cannot both be on; choose one");
        }

        var mcp = McpFrom(values, mcpServers, diagnostics);
        if (diagnostics.Errors.Count > 0)
        {
            throw ConfigException.FromErrors(diagnostics.Errors, diagnostics.Warnings);
        }

        return new AgonConfig
        {
            FilePath = path,
            FileOrigin = location.Origin,
            Hosts = hosts,
            Timeout = timeout,
            Debug = values.Get(GlobalSettings.Debug),
            LogFile = values.Get(GlobalSettings.LogFile),
            Metrics = values.Get(GlobalSettings.Metrics),
            MultimodelMode = values.Get(GlobalSettings.MultimodelMode),
            PipelineMode = values.Get(GlobalSettings.PipelineMode),
            JsonMode = values.Get(GlobalSettings.JsonMode),
            History = values.Get(GlobalSettings.History),
            McpMode = values.Get(GlobalSettings.McpMode),
            McpBinary = values.Get(GlobalSettings.McpBinary),
            McpInitTimeout = values.Get(GlobalSettings.McpInitTimeout),
            McpRetryCount = values.Get(GlobalSettings.McpRetryCount),
            Mcp = mcp,
            Export = values.Get(GlobalSettings.Export),
            ExportMarkdown = values.Get(GlobalSettings.ExportMarkdown),
            BenchmarkMode = values.Get(GlobalSettings.BenchmarkMode),
            BenchmarkCount = values.Get(GlobalSettings.BenchmarkCount),
            AccuracyMode = values.Get(GlobalSettings.AccuracyMode),
            Rag = new RagSettings
            {
                Enabled = values.Get(GlobalSettings.RagMode),
                CorpusPath = values.Get(GlobalSettings.RagCorpusPath),
                IndexPath = values.Get(GlobalSettings.RagIndexPath),
                EmbeddingModel = values.Get(GlobalSettings.RagEmbeddingModel),
                EmbeddingHost = values.Get(GlobalSettings.RagEmbeddingHost),
                ChunkSizeTokens = values.Get(GlobalSettings.RagChunkSizeTokens),
                ChunkOverlapTokens = values.Get(GlobalSettings.RagChunkOverlapTokens),
                TopK = values.Get(GlobalSettings.RagTopK),
                ContextTokenLimit = values.Get(GlobalSettings.RagContextTokenLimit),
                Similarity = values.Get(GlobalSettings.RagSimilarity),
                AllowedExtensions = values.Get(GlobalSettings.RagAllowedExtensions),
                ExcludeGlobs = values.Get(GlobalSettings.RagExcludeGlobs),
            },
            Values = values,
            Warnings = diagnostics.Warnings,
        };
    }

    private McpSettings McpFrom(GlobalValues values, IReadOnlyList<McpServerConfig> servers, ConfigDiagnostics diagnostics)
    {
        var configFile = values.Get(GlobalSettings.McpConfig);
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

        var initTimeout = values.Get(GlobalSettings.McpInitTimeout);
        return new McpSettings
        {
            Enabled = values.Get(GlobalSettings.McpMode),
            Binary = values.Get(GlobalSettings.McpBinary),
            ConfigFile = configFile,
            InitTimeout = TimeSpan.FromSeconds(initTimeout == 0 ? McpSettings.DefaultInitTimeoutSeconds : initTimeout),
            RetryCount = values.Get(GlobalSettings.McpRetryCount),
            MaxRounds = values.Get(GlobalSettings.McpMaxRounds),
            ParseTextCalls = values.Get(GlobalSettings.McpParseTextCalls),
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
}
