using System.Text.RegularExpressions;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// Which files of a repository make up the model, by llama.cpp's rules (<c>find_best_model</c>, <c>get_split_files</c>):
/// for each tag in order (the given one, else <c>Q4_K_M</c> then <c>Q8_0</c>) the first model file in tree order whose
/// path matches <c>TAG[.-]</c> case-insensitively, skipping later shards; with no tag and no match, the first model
/// file. A split model brings all its shards. Projector and draft files are never selected (Agon is text only).
/// </summary>
internal static class HubFileSelection
{
    /// <summary>The files to download, the primary (first shard) first.</summary>
    public static IReadOnlyList<HubFile> Select(HubModelName name, string? hfFile, IReadOnlyList<HubFile> files)
    {
        var primary = hfFile is not null ? files.FirstOrDefault(f => f.Path == hfFile) : FindBest(name.Tag, files);
        if (primary is null)
        {
            var ggufs = files.Where(f => f.Path.EndsWith(".gguf", StringComparison.Ordinal)).ToList();
            if (hfFile is not null)
            {
                throw new AgonException($"{name.Repo} has no file {hfFile}; its GGUF files: {List(ggufs.Select(f => f.Path))}");
            }

            var tags = ggufs.Where(f => GgufFileName.IsPrimaryModel(f.Path)).Select(f => GgufFileName.Tag(f.Path)).Where(t => t.Length > 0).Distinct().ToList();
            throw new AgonException(ggufs.Count == 0
                ? $"{name.Repo} has no GGUF files"
                : $"{name.Repo} has no GGUF for {(name.Tag.Length > 0 ? name.Tag : string.Join(" or ", HubModelName.DefaultTags))}; it has: {List(tags.Count > 0 ? tags : ggufs.Select(f => f.Path))}");
        }

        var split = GgufFileName.Split(primary.Path);
        if (split is not { Count: > 1 } s)
        {
            return [primary];
        }

        var shards = files.Where(f => GgufFileName.Split(f.Path) is { } other && other.Count == s.Count && other.Prefix == s.Prefix)
            .OrderBy(f => GgufFileName.Split(f.Path)!.Value.Index)
            .ToList();
        return shards;
    }

    /// <summary>True when every shard of a split model is among <paramref name="selected"/>.</summary>
    public static bool IsComplete(IReadOnlyList<HubFile> selected) =>
        selected.Count > 0 && (GgufFileName.Split(selected[0].Path)?.Count ?? 1) <= selected.Count;

    private static HubFile? FindBest(string tag, IReadOnlyList<HubFile> files)
    {
        foreach (var t in tag.Length > 0 ? [tag] : HubModelName.DefaultTags)
        {
            var pattern = new Regex(Regex.Escape(t) + "[.-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (files.FirstOrDefault(f => GgufFileName.IsPrimaryModel(f.Path) && pattern.IsMatch(f.Path)) is { } match)
            {
                return match;
            }
        }

        return tag.Length == 0 ? files.FirstOrDefault(f => GgufFileName.IsPrimaryModel(f.Path)) : null;
    }

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Take(12)) + (list.Count > 12 ? ", …" : "");
    }
}
