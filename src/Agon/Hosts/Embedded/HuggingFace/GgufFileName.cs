using System.Text.RegularExpressions;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// llama.cpp's reading of a GGUF file name (<c>get_gguf_split_info</c>, <c>gguf_filename_is_model</c>): the shard
/// suffix <c>-00001-of-00003</c>, the tag (the last <c>-</c> or <c>.</c> separated run of letters, digits and
/// <c>_</c>, upper-cased: <c>…-UD-Q4_K_XL.gguf</c> → <c>Q4_K_XL</c>) and whether the file is a model at all
/// (projector, imatrix and draft files are not).
/// </summary>
internal static partial class GgufFileName
{
    private static readonly string[] s_notModels = ["mmproj", "imatrix", "mtp-", "eagle3-", "dflash-", "dspark-"];

    /// <summary>The prefix (path without shard suffix and <c>.gguf</c>), tag, shard index and count; null when not a <c>.gguf</c>.</summary>
    public static (string Prefix, string Tag, int Index, int Count)? Split(string path)
    {
        if (!path.EndsWith(".gguf", StringComparison.Ordinal))
        {
            return null;
        }

        var prefix = path[..^".gguf".Length];
        int index = 1, count = 1;
        if (SplitPattern().Match(prefix) is { Success: true } split)
        {
            index = int.Parse(split.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            count = int.Parse(split.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            prefix = split.Groups[1].Value;
        }

        var tag = TagPattern().Match(prefix) is { Success: true } m ? m.Groups[1].Value.ToUpperInvariant() : "";
        return (prefix, tag, index, count);
    }

    /// <summary>The tag llama.cpp lists a cached file under (empty when the name has none).</summary>
    public static string Tag(string path) => Split(path)?.Tag ?? "";

    /// <summary>A <c>.gguf</c> whose file name names no projector, imatrix or draft model.</summary>
    public static bool IsModel(string path)
    {
        if (!path.EndsWith(".gguf", StringComparison.Ordinal))
        {
            return false;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        return !s_notModels.Any(marker => name.Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>A model file that is not a second or later shard.</summary>
    public static bool IsPrimaryModel(string path) => IsModel(path) && Split(path) is { } split && (split.Count <= 1 || split.Index == 1);

    [GeneratedRegex("^(.+)-([0-9]{5})-of-([0-9]{5})$", RegexOptions.IgnoreCase)]
    private static partial Regex SplitPattern();

    [GeneratedRegex("[-.]([A-Z0-9_]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();
}
