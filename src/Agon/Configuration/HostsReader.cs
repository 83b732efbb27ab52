using System.Text.Json;
using Agon.Diagnostics;

namespace Agon.Configuration;

/// <summary>Reads and validates agon's <c>hosts</c> array, entry by entry, collecting every problem.</summary>
internal sealed class HostsReader(IAgonEnvironment environment, ConfigDiagnostics diagnostics, TimeSpan defaultTimeout)
{
    public IReadOnlyList<HostConfig> Read(JsonElement hosts)
    {
        if (hosts.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Error("hosts", $"expected an array of hosts, got {ConfigDiagnostics.Describe(hosts)}");
            return [];
        }

        var result = new List<HostConfig>();
        var firstIndexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in hosts.EnumerateArray())
        {
            var path = $"hosts[{index}]";
            if (ReadHost(entry, path) is { } host)
            {
                if (firstIndexByName.TryGetValue(host.Name, out var first))
                {
                    diagnostics.Error($"{path}.name", $"duplicate host name \"{host.Name}\" (also hosts[{first}]); host names must be unique");
                }
                else
                {
                    firstIndexByName[host.Name] = index;
                    result.Add(host);
                }
            }

            index++;
        }

        return result;
    }

    private HostConfig? ReadHost(JsonElement entry, string path)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected a host object, got {ConfigDiagnostics.Describe(entry)}");
            return null;
        }

        var errorsBefore = diagnostics.Errors.Count;
        string? name = null;
        string? typeText = null;
        string? url = null;
        IReadOnlyList<string> models = [];
        string? systemPrompt = null;
        var parameters = ModelParameters.Empty;
        string? apiKeyEnv = null;
        string? apiKeyFile = null;
        var timeout = defaultTimeout;
        string? keepAlive = null;
        IReadOnlyList<string> modelsDirs = [];
        int? modelsMax = null;
        int? contextSize = null;
        int? threads = null;

        foreach (var property in entry.EnumerateObject())
        {
            var key = property.Name;
            var keyPath = $"{path}.{key}";
            var value = property.Value;
            switch (key.ToLowerInvariant())
            {
                case "name":
                    name = diagnostics.StringOrNull(value, keyPath)?.Trim() ?? name;
                    break;
                case "type":
                    typeText = diagnostics.StringOrNull(value, keyPath) ?? typeText;
                    break;
                case "url":
                    url = diagnostics.StringOrNull(value, keyPath)?.Trim() ?? url;
                    break;
                case "models":
                    models = diagnostics.StringListOrNull(value, keyPath) ?? models;
                    break;
                case "systemprompt":
                    systemPrompt = value.ValueKind == JsonValueKind.Null ? systemPrompt : diagnostics.StringOrNull(value, keyPath) ?? systemPrompt;
                    break;
                case "parameters":
                    parameters = new ParametersReader(diagnostics).Read(value, keyPath);
                    break;
                case "apikeyenv":
                    apiKeyEnv = diagnostics.StringOrNull(value, keyPath) ?? apiKeyEnv;
                    break;
                case "apikeyfile":
                    apiKeyFile = diagnostics.StringOrNull(value, keyPath) ?? apiKeyFile;
                    break;
                case "timeout":
                    if (diagnostics.TryInteger(value, keyPath, out var seconds, minimum: 1))
                    {
                        timeout = TimeSpan.FromSeconds(seconds);
                    }

                    break;
                case "keepalive" or "keep_alive":
                    keepAlive = value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Number => value.GetRawText(),
                        _ => Invalid(keyPath, $"expected a duration such as \"10m\" or a number of seconds, got {ConfigDiagnostics.Describe(value)}"),
                    };
                    break;
                case "modelsdir" or "modelsdirs":
                    modelsDirs = diagnostics.StringListOrNull(value, keyPath, allowSingle: true) ?? modelsDirs;
                    break;
                case "modelsmax":
                    modelsMax = diagnostics.Int32OrNull(value, keyPath, minimum: 1) ?? modelsMax;
                    break;
                case "contextsize":
                    contextSize = diagnostics.Int32OrNull(value, keyPath, minimum: 1) ?? contextSize;
                    break;
                case "threads":
                    threads = diagnostics.Int32OrNull(value, keyPath, minimum: 1) ?? threads;
                    break;
                default:
                    diagnostics.UnknownKey(keyPath, key, HostKeys.Host);
                    break;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            if (diagnostics.Errors.Count == errorsBefore)
            {
                diagnostics.Error($"{path}.name", "required: every host needs a unique name");
            }

            return null;
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            diagnostics.Error($"{path}.name", $"\"{name}\" must not contain '/', which separates host and model in a target");
        }

        HostType type;
        if (string.IsNullOrWhiteSpace(typeText))
        {
            type = HostType.Ollama;
            diagnostics.Warning($"{path}.type", "missing; assuming \"ollama\" as agon did (valid: " + string.Join(", ", HostTypeNames.Accepted) + ")");
        }
        else if (!HostTypeNames.TryParse(typeText, out type))
        {
            diagnostics.Error($"{path}.type", $"unknown host type \"{typeText}\" (valid: {string.Join(", ", HostTypeNames.Accepted)})");
            return null;
        }

        Uri? uri = null;
        if (type != HostType.Embedded)
        {
            uri = ParseUrl(url, $"{path}.url", type);
        }
        else if (url is not null)
        {
            diagnostics.Warning($"{path}.url", "ignored: an embedded host runs in-process");
        }

        var (apiKey, apiKeySource) = ResolveApiKey(apiKeyEnv, apiKeyFile, path);
        if (type == HostType.Embedded && modelsDirs.Count == 0)
        {
            modelsDirs = ["models"];
        }

        if (diagnostics.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new HostConfig
        {
            Name = name,
            Type = type,
            Url = uri,
            Models = models,
            SystemPrompt = systemPrompt,
            Parameters = parameters,
            ApiKeyEnv = apiKeyEnv,
            ApiKeyFile = apiKeyFile,
            ApiKey = apiKey,
            ApiKeySource = apiKeySource,
            Timeout = timeout,
            KeepAlive = keepAlive,
            ModelsDirs = modelsDirs.Select(d => AgonPaths.Resolve(environment, d)).ToList(),
            ModelsMax = modelsMax ?? (type == HostType.Embedded ? 1 : null),
            ContextSize = contextSize,
            Threads = threads,
        };
    }

    private string? Invalid(string path, string message)
    {
        diagnostics.Error(path, message);
        return null;
    }

    private Uri? ParseUrl(string? url, string path, HostType type)
    {
        var example = type == HostType.Ollama ? "http://192.168.1.20:11434" : "http://192.168.1.20:8080";
        if (string.IsNullOrEmpty(url))
        {
            diagnostics.Error(path, $"required for a {HostTypeNames.ToName(type)} host (for example {example})");
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            diagnostics.Error(path, $"\"{url}\" is not an absolute http(s) URL (for example {example})");
            return null;
        }

        // Keep any path prefix (a reverse proxy), but always as a directory so relative endpoints resolve under it.
        var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        return new Uri(text, UriKind.Absolute);
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private (string? Key, string? Source) ResolveApiKey(string? variable, string? file, string path)
    {
        if (variable is not null && file is not null)
        {
            diagnostics.Error($"{path}.apiKeyFile", "set either apiKeyEnv or apiKeyFile, not both");
            return (null, null);
        }

        if (variable is not null)
        {
            if (!IsVariableName(variable))
            {
                // Often the key itself pasted in the wrong field: never echo it, and redact it wherever it turns up.
                SecretRegistry.Register(variable);
                diagnostics.ErrorSentence($"{path}.apiKeyEnv", "must name an environment variable (letters, digits, underscore)");
                return (null, null);
            }

            if (environment.GetVariable(variable) is { } key)
            {
                SecretRegistry.Register(key);
                return (key.Trim(), $"environment {variable}");
            }

            if (variable.Any(char.IsAsciiLetterLower))
            {
                // hf_…, sk_live_…: a key pasted in place of a variable's name passes the name check; never echo it.
                SecretRegistry.Register(variable);
                diagnostics.Warning($"{path}.apiKeyEnv", "the environment variable it names is not set; requests go without an API key "
                    + "(if that is the key itself, put it in a variable and name the variable)");
                return (null, null);
            }

            diagnostics.Warning($"{path}.apiKeyEnv", $"environment variable {variable} is not set; requests go without an API key");
            return (null, null);
        }

        if (file is not null)
        {
            var full = AgonPaths.Resolve(environment, file);
            try
            {
                var key = File.ReadAllText(full).Trim();
                if (key.Length == 0)
                {
                    diagnostics.Error($"{path}.apiKeyFile", $"'{file}' is empty");
                    return (null, null);
                }

                SecretRegistry.Register(key);
                return (key, $"file {file}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error($"{path}.apiKeyFile", $"cannot read '{file}': {ex.Message}");
            }
        }

        return (null, null);
    }
}
