namespace Agon.Configuration;

/// <summary>One configured host (an entry of <c>hosts[]</c>), validated.</summary>
internal sealed record HostConfig
{
    /// <summary>The host's name: unique, used in targets (<c>host/model</c>) and messages.</summary>
    public required string Name { get; init; }

    public required HostType Type { get; init; }

    /// <summary>The server's base URL (absolute http or https); null for embedded hosts.</summary>
    public Uri? Url { get; init; }

    /// <summary>The models this host should have (agon's <c>models</c>): pickers, load, pull and sync use it.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>agon's <c>systemprompt</c> (also read as <c>systemPrompt</c>).</summary>
    public string? SystemPrompt { get; init; }

    public ModelParameters Parameters { get; init; } = ModelParameters.Empty;

    /// <summary>Name of the environment variable holding the API key.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Path of a file holding the API key.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>The resolved API key. A secret: never printed, logged or put in an exception message.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Where <see cref="ApiKey"/> came from, for <c>show config</c> (never the key itself).</summary>
    public string? ApiKeySource { get; init; }

    /// <summary>Request timeout for this host (its own <c>timeout</c>, else the global one).</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Ollama <c>keep_alive</c> for loads and chats, as written in the file (for example <c>"10m"</c> or <c>-1</c>).</summary>
    public string? KeepAlive { get; init; }

    /// <summary>Folders an embedded host searches for GGUF files.</summary>
    public IReadOnlyList<string> ModelsDirs { get; init; } = [];

    /// <summary>How many models an embedded host keeps loaded at once.</summary>
    public int? ModelsMax { get; init; }

    /// <summary>Context size cap for an embedded host.</summary>
    public int? ContextSize { get; init; }

    /// <summary>Threads an embedded host decodes with (llama-server's <c>-t</c>); null for the engine's own choice.</summary>
    public int? Threads { get; init; }

    /// <summary>True for the built-in default host (no configuration file).</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>Whether the host runs models inside Agon, so its local settings (<c>modelsDir</c>, <c>modelsMax</c>) apply.</summary>
    public bool RunsInProcess => Type == HostType.Embedded;
}
