using System.Globalization;
using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// Finds, reads and validates the configuration: flags beat environment variables, which beat the file,
/// which beats the defaults. Lookup order for the file: <c>--config</c>, <c>AGON_CONFIG</c>,
/// <c>./config/config.json</c>, <c>$XDG_CONFIG_HOME/agon/config.json</c>. No file means the built-in default host.
/// </summary>
internal sealed class ConfigLoader(IAgonEnvironment environment)
{
    public const string ConfigVariable = "AGON_CONFIG";

    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public AgonConfig Load(ConfigOverrides overrides)
    {
        var (path, origin, display) = Locate(overrides);
        if (path is null)
        {
            return Build(root: null, path: null, origin: null, new ConfigDiagnostics("built-in default"), overrides);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigException.Unreadable(display, ex.Message);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw ConfigException.FromErrors([SyntaxError(display, ex)]);
        }

        using (document)
        {
            var diagnostics = new ConfigDiagnostics(display);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ConfigException.FromErrors([$"{display}: expected a JSON object at the top level, got {ConfigDiagnostics.Describe(document.RootElement)}"]);
            }

            return Build(document.RootElement, path, origin, diagnostics, overrides);
        }
    }

    private (string? Path, string? Origin, string Display) Locate(ConfigOverrides overrides)
    {
        if (overrides.ConfigPath is { } explicitPath)
        {
            var full = AgonPaths.Resolve(environment, explicitPath);
            return File.Exists(full) ? (full, "--config", explicitPath) : throw ConfigException.FileNotFound(explicitPath, "given with --config");
        }

        if (environment.GetVariable(ConfigVariable) is { } fromEnvironment)
        {
            var full = AgonPaths.Resolve(environment, fromEnvironment);
            return File.Exists(full) ? (full, ConfigVariable, fromEnvironment) : throw ConfigException.FileNotFound(fromEnvironment, $"named by {ConfigVariable}");
        }

        var local = AgonPaths.LocalConfigFile(environment);
        if (File.Exists(local))
        {
            return (local, "./config/config.json", local);
        }

        var user = AgonPaths.UserConfigFile(environment);
        return File.Exists(user) ? (user, "user config", user) : (null, null, "built-in default");
    }

    internal static string SyntaxError(string display, JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            reason = reason[..cut];
        }

        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{display}:{line}:{column}: invalid JSON: {reason.TrimEnd('.')}");
    }

    private AgonConfig Build(JsonElement? root, string? path, string? origin, ConfigDiagnostics diagnostics, ConfigOverrides overrides)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var origins = new Dictionary<string, ValueOrigin>(StringComparer.Ordinal);
        foreach (var key in GlobalKeys.All)
        {
            values[key.Name] = key.Default;
        }

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

                if (ReadGlobal(key, property.Value, diagnostics) is { } value)
                {
                    values[key.Name] = value;
                    origins[key.Name] = new ValueOrigin(ValueSource.File, path);
                }
            }
        }

        ApplyEnvironment(values, origins, diagnostics);
        foreach (var (name, flag) in overrides.Values)
        {
            values[name] = flag.Value;
            origins[name] = new ValueOrigin(ValueSource.Flag, flag.Flag);
        }

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
            diagnostics.Error("multimodelMode", $"multimodelMode ({Origin(origins, "multimodelMode")}) and pipelineMode ({Origin(origins, "pipelineMode")}) cannot both be on; choose one");
        }

        var mcp = McpFrom(values, mcpServers, diagnostics);
        if (diagnostics.Errors.Count > 0)
        {
            throw ConfigException.FromErrors(diagnostics.Errors);
        }

        return new AgonConfig
        {
            FilePath = path,
            FileOrigin = origin,
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
            Origins = origins,
            Warnings = diagnostics.Warnings,
        };
    }

    private McpSettings McpFrom(Dictionary<string, object?> values, IReadOnlyList<McpServerConfig> servers, ConfigDiagnostics diagnostics)
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

    private static string Origin(Dictionary<string, ValueOrigin> origins, string key) =>
        origins.TryGetValue(key, out var origin) ? origin.ToString() : "default";

    private static int ToInt(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static object? ReadGlobal(GlobalKey key, JsonElement value, ConfigDiagnostics diagnostics)
    {
        switch (key.Kind)
        {
            case ConfigValueKind.Boolean:
                return diagnostics.TryBoolean(value, key.Name, out var flag) ? flag : null;
            case ConfigValueKind.Integer:
                return diagnostics.TryInt32(value, key.Name, out var number, key.Minimum) ? number : null;
            case ConfigValueKind.StringList:
                return diagnostics.TryStringList(value, key.Name, out var list) ? list : null;
            default:
                if (value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                return diagnostics.TryString(value, key.Name, out var text) ? text : null;
        }
    }

    private void ApplyEnvironment(Dictionary<string, object?> values, Dictionary<string, ValueOrigin> origins, ConfigDiagnostics diagnostics)
    {
        foreach (var key in GlobalKeys.All)
        {
            var variable = key.EnvironmentVariable;
            if (environment.GetVariable(variable) is not { } raw)
            {
                continue;
            }

            object? parsed = key.Kind switch
            {
                ConfigValueKind.Boolean => ParseBoolean(raw),
                ConfigValueKind.Integer => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && (key.Minimum is null || n >= key.Minimum) ? n : null,
                ConfigValueKind.StringList => raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                _ => raw,
            };
            if (parsed is null)
            {
                var expected = key.Kind == ConfigValueKind.Boolean ? "true or false" : key.Minimum is { } min ? $"a whole number of at least {min}" : "a whole number";
                diagnostics.ErrorOutsideFile($"environment variable {variable}: expected {expected}, got \"{raw}\"");
                continue;
            }

            values[key.Name] = parsed;
            origins[key.Name] = new ValueOrigin(ValueSource.Environment, variable);
        }
    }

    private static object? ParseBoolean(string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };
}
