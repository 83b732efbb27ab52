namespace Agon.Hosts.Ollama;

/// <summary>
/// Ollama model names: <c>name[:tag]</c>, the tag defaulting to <c>latest</c>. <c>foo</c> and <c>foo:latest</c>
/// are the same model everywhere Agon compares names (agon deleted installed models over this).
/// </summary>
internal static class OllamaNames
{
    /// <summary><c>foo</c> → <c>foo:latest</c>; <c>ns/foo:1b</c> stays; case is kept (the server lower-cases nothing).</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var lastSlash = trimmed.LastIndexOf('/');
        return trimmed.IndexOf(':', lastSlash + 1) >= 0 ? trimmed : trimmed + ":latest";
    }

    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
}
