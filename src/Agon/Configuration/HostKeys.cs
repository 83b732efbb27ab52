namespace Agon.Configuration;

/// <summary>The keys of one <c>hosts[]</c> entry (its <c>parameters</c> are <see cref="SamplingParameters"/>).</summary>
internal static class HostKeys
{
    public static readonly IReadOnlyList<string> Host =
    [
        "name", "url", "type", "models", "systemprompt", "parameters", "apiKeyEnv", "apiKeyFile", "timeout",
        "keepAlive", "modelsDir", "modelsMax", "contextSize", "threads",
    ];
}
