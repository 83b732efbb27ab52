using System.Text.Json;
using Agon.Diagnostics;

namespace Agon.Configuration;

/// <summary>
/// Reads an <c>mcpServers</c> object (Claude Desktop, Cursor, oterm) or VS Code's <c>servers</c> object, entry by
/// entry, collecting every problem with its key path. Strings in <c>command</c>, <c>args</c>, <c>env</c>, <c>cwd</c>,
/// <c>url</c> and <c>headers</c> have <c>${VAR}</c> and <c>${VAR:-default}</c> expanded.
/// </summary>
internal sealed class McpServersReader(IAgonEnvironment environment, ConfigDiagnostics diagnostics)
{
    public static readonly IReadOnlyList<string> Keys =
        ["type", "command", "args", "env", "cwd", "url", "headers", "disabled", "allowTools", "excludeTools"];

    /// <summary>The transport names accepted in <c>type</c>, as the clients that share this format spell them.</summary>
    public static readonly IReadOnlyList<string> TransportNames = ["stdio", "http", "streamable-http", "streamable_http", "streamableHttp", "sse"];

    public IReadOnlyList<McpServerConfig> Read(JsonElement servers, string path, string source)
    {
        if (servers.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected an object of servers by name (\"{path}\": {{\"fs\": {{\"command\": \"npx\", …}}}}), got {ConfigDiagnostics.Describe(servers)}");
            return [];
        }

        var result = new List<McpServerConfig>();
        foreach (var entry in servers.EnumerateObject())
        {
            var name = entry.Name.Trim();
            var entryPath = $"{path}.{entry.Name}";
            if (name.Length == 0)
            {
                diagnostics.Error(entryPath, "a server needs a name");
                continue;
            }

            if (ReadServer(name, entry.Value, entryPath, source) is { } server)
            {
                result.Add(server);
            }
        }

        return result;
    }

    private McpServerConfig? ReadServer(string name, JsonElement entry, string path, string source)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected a server object with a command or a url, got {ConfigDiagnostics.Describe(entry)}");
            return null;
        }

        if (VariableExpansion.NeedsInput(entry.GetRawText()))
        {
            diagnostics.Warning(path, "uses ${input:…}, which only VS Code can ask for; skipped (put the value in an environment variable and write ${NAME})");
            return null;
        }

        var errorsBefore = diagnostics.Errors.Count;
        string? type = null;
        string? command = null;
        string? url = null;
        string? cwd = null;
        IReadOnlyList<string> args = [];
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var disabled = false;
        IReadOnlyList<string> allow = [];
        IReadOnlyList<string> exclude = [];
        foreach (var property in entry.EnumerateObject())
        {
            var keyPath = $"{path}.{property.Name}";
            var value = property.Value;
            switch (property.Name.ToLowerInvariant())
            {
                case "type" or "transport":
                    type = diagnostics.StringOrNull(value, keyPath)?.Trim();
                    break;
                case "command":
                    command = ExpandString(value, keyPath, secret: false);
                    break;
                case "args":
                    if (diagnostics.TryStringList(value, keyPath, out var list))
                    {
                        args = list.Select((a, i) => Expand(a, $"{keyPath}[{i}]", secret: false) ?? "").ToList();
                    }

                    break;
                case "env":
                    ReadMap(value, keyPath, env, IsSecretVariable);
                    break;
                case "cwd":
                    cwd = ExpandString(value, keyPath, secret: false);
                    break;
                case "url":
                    url = ExpandString(value, keyPath, secret: false);
                    break;
                case "headers":
                    ReadMap(value, keyPath, headers, h => SecretRedactor.IsSecretHeader(h) || IsSecretVariable(h));
                    break;
                case "disabled":
                    diagnostics.TryBoolean(value, keyPath, out disabled);
                    break;
                case "allowtools":
                    allow = diagnostics.StringListOrNull(value, keyPath) ?? allow;
                    break;
                case "excludetools":
                    exclude = diagnostics.StringListOrNull(value, keyPath) ?? exclude;
                    break;
                default:
                    diagnostics.UnknownKey(keyPath, property.Name, Keys);
                    break;
            }
        }

        if (diagnostics.Errors.Count > errorsBefore)
        {
            return null;
        }

        var transport = Transport(type, command, url, path);
        if (transport is null)
        {
            return null;
        }

        foreach (var header in headers.Where(h => SecretRedactor.IsSecretHeader(h.Key)))
        {
            var space = header.Value.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                SecretRegistry.Register(header.Value[(space + 1)..]);
            }
        }

        Uri? uri = null;
        if (transport != McpTransport.Stdio)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                diagnostics.Error($"{path}.url", $"\"{url}\" is not an absolute http(s) URL (for example http://127.0.0.1:3001/mcp)");
                return null;
            }
        }
        else if (string.IsNullOrWhiteSpace(command))
        {
            diagnostics.Error($"{path}.command", "must name the program to run (for example \"npx\")");
            return null;
        }

        return new McpServerConfig
        {
            Name = name,
            Transport = transport.Value,
            Command = command?.Trim(),
            Args = args,
            Env = env,
            Cwd = cwd is null ? null : AgonPaths.Resolve(environment, cwd),
            Url = uri,
            Headers = headers,
            Disabled = disabled,
            AllowTools = allow,
            ExcludeTools = exclude,
            Source = source,
        };
    }

    private McpTransport? Transport(string? type, string? command, string? url, string path)
    {
        if (command is not null && url is not null)
        {
            diagnostics.Error(path, "has both command and url; give command for a server Agon starts (stdio) or url for one it connects to (http, sse)");
            return null;
        }

        McpTransport? declared = type?.ToLowerInvariant() switch
        {
            null or "" => null,
            "stdio" => McpTransport.Stdio,
            "http" or "streamable-http" or "streamable_http" or "streamablehttp" => McpTransport.Http,
            "sse" => McpTransport.Sse,
            _ => Unknown(type!, path),
        };
        if (declared is null && !string.IsNullOrEmpty(type))
        {
            return null;
        }

        if (declared == McpTransport.Stdio && command is null)
        {
            diagnostics.Error($"{path}.command", "required for a stdio server (the program to run, for example \"npx\")");
            return null;
        }

        if (declared is McpTransport.Http or McpTransport.Sse && url is null)
        {
            diagnostics.Error($"{path}.url", $"required for a{(declared == McpTransport.Http ? "n http" : "n sse")} server (for example http://127.0.0.1:3001/mcp)");
            return null;
        }

        if (declared is { } known)
        {
            return known;
        }

        if (command is not null)
        {
            return McpTransport.Stdio;
        }

        if (url is not null)
        {
            // oterm's rule: a URL ending in /sse is the SSE transport, any other is Streamable HTTP.
            return url.TrimEnd('/').EndsWith("/sse", StringComparison.OrdinalIgnoreCase) ? McpTransport.Sse : McpTransport.Http;
        }

        diagnostics.Error(path, "needs a command (a server Agon starts over stdio) or a url (an HTTP server)");
        return null;
    }

    private McpTransport? Unknown(string type, string path)
    {
        diagnostics.Error($"{path}.type", $"unknown transport \"{type}\" (valid: {string.Join(", ", TransportNames)})");
        return null;
    }

    /// <summary>A variable such as <c>GITHUB_TOKEN</c> or <c>API_KEY</c>: its value is redacted wherever it turns up.</summary>
    private static bool IsSecretVariable(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.Contains("TOKEN", StringComparison.Ordinal) || upper.Contains("KEY", StringComparison.Ordinal)
            || upper.Contains("SECRET", StringComparison.Ordinal) || upper.Contains("PASSWORD", StringComparison.Ordinal);
    }

    private void ReadMap(JsonElement value, string path, Dictionary<string, string> into, Func<string, bool> isSecret)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected an object of names and string values, got {ConfigDiagnostics.Describe(value)}");
            return;
        }

        foreach (var item in value.EnumerateObject())
        {
            if (ExpandString(item.Value, $"{path}.{item.Name}", isSecret(item.Name)) is { } text)
            {
                into[item.Name] = text;
                if (isSecret(item.Name))
                {
                    SecretRegistry.Register(text);
                }
            }
        }
    }

    private string? ExpandString(JsonElement value, string path, bool secret) =>
        diagnostics.StringOrNull(value, path) is { } text ? Expand(text, path, secret) : null;

    private string? Expand(string text, string path, bool secret)
    {
        var used = new List<KeyValuePair<string, string>>();
        var expanded = VariableExpansion.Expand(text, environment.GetVariable, out var missing, used);
        if (expanded is null)
        {
            diagnostics.Error(path, $"environment variable {missing} is not set (set it, or give a default: ${{{missing}:-value}})");
            return null;
        }

        foreach (var (_, value) in used.Where(u => secret || IsSecretVariable(u.Key)))
        {
            SecretRegistry.Register(value);
        }

        return expanded;
    }
}
