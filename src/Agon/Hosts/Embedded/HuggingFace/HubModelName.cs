using System.Text.RegularExpressions;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// <c>owner/repo[:TAG]</c> as llama.cpp's <c>-hf</c> reads it: the last <c>:</c> starts the tag (may be empty), the
/// repository has exactly one <c>/</c>, at most 256 characters, letters, digits and <c>_</c> with <c>. -</c> only
/// between them.
/// </summary>
internal sealed partial record HubModelName(string Repo, string Tag)
{
    /// <summary>The tags tried, in order, when none is given.</summary>
    public static readonly IReadOnlyList<string> DefaultTags = ["Q4_K_M", "Q8_0"];

    public string Owner => Repo[..Repo.IndexOf('/', StringComparison.Ordinal)];

    public string Name => Repo[(Repo.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The hub cache folder name: <c>models--owner--repo</c>.</summary>
    public string CacheFolder => "models--" + Repo.Replace("/", "--", StringComparison.Ordinal);

    public override string ToString() => Tag.Length == 0 ? Repo : $"{Repo}:{Tag}";

    public static bool TryParse(string value, out HubModelName name)
    {
        var colon = value.LastIndexOf(':');
        var repo = colon < 0 ? value : value[..colon];
        var tag = colon < 0 ? "" : value[(colon + 1)..];
        name = new HubModelName(repo, tag);
        return repo.Length <= 256 && RepoPattern().IsMatch(repo) && !tag.Contains('/', StringComparison.Ordinal);
    }

    /// <summary>Parses or fails with a usage error that shows the expected form.</summary>
    public static HubModelName Parse(string value) => TryParse(value, out var name)
        ? name
        : throw AgonException.Usage($"'{value}' is not a Hugging Face model: expected owner/repo[:TAG] (for example local/unsloth/gemma-3-270m-it-GGUF:Q4_K_M)");

    [GeneratedRegex(@"^[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*/[A-Za-z0-9_]+(?:[.\-][A-Za-z0-9_]+)*$")]
    private static partial Regex RepoPattern();
}
