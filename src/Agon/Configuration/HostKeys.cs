namespace Agon.Configuration;

/// <summary>The keys of one <c>hosts[]</c> entry and of its <c>parameters</c> block.</summary>
internal static class HostKeys
{
    public static readonly IReadOnlyList<string> Host =
    [
        "name", "url", "type", "models", "systemprompt", "parameters", "apiKeyEnv", "apiKeyFile", "timeout",
        "keepAlive", "modelsDir", "modelsMax", "contextSize", "threads",
    ];

    public static readonly IReadOnlyList<string> Parameters =
    [
        "temperature", "top_k", "top_p", "min_p", "typical_p", "repeat_last_n", "repeat_penalty", "presence_penalty",
        "frequency_penalty", "seed", "num_predict", "max_tokens", "stop", "num_ctx",
    ];
}
