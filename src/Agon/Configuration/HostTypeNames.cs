namespace Agon.Configuration;

/// <summary>The spellings of <see cref="HostType"/> in the configuration file.</summary>
internal static class HostTypeNames
{
    /// <summary>Every accepted spelling, as listed in error messages.</summary>
    public static readonly IReadOnlyList<string> Accepted = ["llama.cpp", "llamacpp", "ollama", "embedded"];

    public static bool TryParse(string value, out HostType type)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "llama.cpp" or "llamacpp" or "llama-cpp" or "llama_cpp":
                type = HostType.LlamaCpp;
                return true;
            case "ollama":
                type = HostType.Ollama;
                return true;
            case "embedded":
                type = HostType.Embedded;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>The canonical spelling, as written by <c>show config</c>.</summary>
    public static string ToName(HostType type) => type switch
    {
        HostType.LlamaCpp => "llama.cpp",
        HostType.Ollama => "ollama",
        _ => "embedded",
    };
}
