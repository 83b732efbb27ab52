using System.Text.RegularExpressions;

namespace Agon.Hosts.Embedded;

/// <summary>
/// Finds GGUF models the way llama-server's router does: each <c>*.gguf</c> at the top of a models folder (id = file
/// name without <c>.gguf</c>), each subfolder as one model (its plain or first-shard GGUF), the Hugging Face hub cache
/// (<c>models--owner--repo/snapshots/&lt;commit&gt;/…gguf</c>, id <c>owner/repo:TAG</c> by llama.cpp's tag rule; files without a tag are not listed, as in llama.cpp), and the older flat files
/// of <c>~/.cache/llama.cpp</c>. Projector, draft and later-shard files are not models.
/// </summary>
internal static partial class GgufDiscovery
{
    public static IReadOnlyList<DiscoveredModel> Discover(IEnumerable<string> modelsDirs, IAgonEnvironment environment)
    {
        var found = new Dictionary<string, DiscoveredModel>(StringComparer.Ordinal);
        void Add(DiscoveredModel model) => found.TryAdd(model.Id, model);

        foreach (var dir in modelsDirs.Where(Directory.Exists))
        {
            foreach (var file in Files(dir).Where(IsModelFile))
            {
                Add(new DiscoveredModel(Path.GetFileNameWithoutExtension(file), file, "models_dir"));
            }

            foreach (var sub in Directories(dir))
            {
                if (PickModelFile(Files(sub)) is { } file)
                {
                    Add(new DiscoveredModel(Path.GetFileName(sub), file, "models_dir"));
                }
            }
        }

        if (HubCache(environment) is { } hub && Directory.Exists(hub))
        {
            foreach (var repo in Directories(hub).Where(d => Path.GetFileName(d).StartsWith("models--", StringComparison.Ordinal)))
            {
                foreach (var model in FromHubRepo(repo))
                {
                    Add(model);
                }
            }
        }

        var legacy = environment.GetVariable("LLAMA_CACHE") ?? Path.Combine(environment.HomeDirectory, ".cache", "llama.cpp");
        if (Directory.Exists(legacy))
        {
            foreach (var file in Files(legacy).Where(IsModelFile))
            {
                Add(new DiscoveredModel(Path.GetFileNameWithoutExtension(file), file, "llama.cpp cache"));
            }
        }

        return found.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The hub cache: <c>LLAMA_CACHE</c>, <c>HF_HUB_CACHE</c>, <c>HUGGINGFACE_HUB_CACHE</c>, <c>$HF_HOME/hub</c>, <c>$XDG_CACHE_HOME/huggingface/hub</c>, <c>~/.cache/huggingface/hub</c>.</summary>
    public static string? HubCache(IAgonEnvironment environment) =>
        environment.GetVariable("LLAMA_CACHE")
        ?? environment.GetVariable("HF_HUB_CACHE")
        ?? environment.GetVariable("HUGGINGFACE_HUB_CACHE")
        ?? (environment.GetVariable("HF_HOME") is { } hfHome ? Path.Combine(hfHome, "hub") : null)
        ?? (environment.GetVariable("XDG_CACHE_HOME") is { } xdg ? Path.Combine(xdg, "huggingface", "hub") : null)
        ?? Path.Combine(environment.HomeDirectory, ".cache", "huggingface", "hub");

    /// <summary>The quantization tag of a file name: <c>gemma-3-1b-it-Q4_K_M.gguf</c> → <c>Q4_K_M</c>.</summary>
    public static string? QuantTag(string fileName)
    {
        var stem = ShardSuffix().Replace(Path.GetFileNameWithoutExtension(fileName), "");
        var match = QuantPattern().Match(stem);
        return match.Success ? match.Groups[1].Value.ToUpperInvariant() : null;
    }

    private static IEnumerable<DiscoveredModel> FromHubRepo(string repo)
    {
        // models--owner--repo → owner/repo
        var parts = Path.GetFileName(repo)["models--".Length..].Split("--", 2);
        if (parts.Length != 2)
        {
            yield break;
        }

        var name = $"{parts[0]}/{parts[1]}";
        var snapshots = Path.Combine(repo, "snapshots");
        if (!Directory.Exists(snapshots))
        {
            yield break;
        }

        var refFile = Path.Combine(repo, "refs", "main");
        var commit = File.Exists(refFile) ? File.ReadAllText(refFile).Trim() : null;
        var snapshot = commit is not null && Directory.Exists(Path.Combine(snapshots, commit))
            ? Path.Combine(snapshots, commit)
            : Directories(snapshots).OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
        if (snapshot is null)
        {
            yield break;
        }

        // llama.cpp's listing (common_list_cached_models): each first-shard model file with a tag, id owner/repo:TAG.
        foreach (var file in Directory.EnumerateFiles(snapshot, "*.gguf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(snapshot, file).Replace('\\', '/');
            var tag = HuggingFace.GgufFileName.Tag(relative);
            if (tag.Length > 0 && HuggingFace.GgufFileName.IsPrimaryModel(relative))
            {
                yield return new DiscoveredModel($"{name}:{tag}", file, "cache");
            }
        }
    }

    private static string? PickModelFile(IEnumerable<string> files)
    {
        var candidates = files.Where(IsModelFile).ToList();
        return candidates.FirstOrDefault(f => Path.GetFileName(f).Contains("-00001-of-", StringComparison.Ordinal)) ?? candidates.FirstOrDefault();
    }

    private static bool IsModelFile(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var lower = name.ToLowerInvariant();
        if (lower.Contains("mmproj", StringComparison.Ordinal) || lower.StartsWith("mtp-", StringComparison.Ordinal) || lower.StartsWith("eagle3-", StringComparison.Ordinal)
            || lower.StartsWith("dflash-", StringComparison.Ordinal) || lower.StartsWith("dspark-", StringComparison.Ordinal))
        {
            return false;
        }

        var shard = ShardNumber().Match(name);
        return !shard.Success || shard.Groups[1].Value.TrimStart('0') == "1";
    }

    private static IEnumerable<string> Files(string dir) =>
        Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal);

    private static IEnumerable<string> Directories(string dir) =>
        Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"-(\d{5})-of-\d{5}", RegexOptions.IgnoreCase)]
    private static partial Regex ShardNumber();

    [GeneratedRegex(@"-\d{5}-of-\d{5}$", RegexOptions.IgnoreCase)]
    private static partial Regex ShardSuffix();

    [GeneratedRegex(@"[-._]((?:UD-)?(?:I?Q\d+(?:_[A-Z0-9]+)*|BF16|F16|F32|MXFP4(?:_MOE)?|TQ\d_\d))$", RegexOptions.IgnoreCase)]
    private static partial Regex QuantPattern();
}
