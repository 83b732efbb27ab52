using System.Text.RegularExpressions;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// One repository in the standard Hugging Face hub cache, laid out as llama.cpp (since #20775) and the Hub's own
/// clients do: <c>models--owner--repo/refs/main</c> (the snapshot's commit), <c>blobs/&lt;oid&gt;</c> (the content),
/// <c>snapshots/&lt;commit&gt;/&lt;path&gt;</c> (relative links to the blobs, or the moved files where links are
/// impossible). Agon adds <c>.locks/models--owner--repo/&lt;oid&gt;.lock</c> while it writes a blob.
/// </summary>
internal sealed partial class HubCacheLayout(string root, HubModelName name)
{
    public string Root { get; } = root;

    public string RepoDir => Path.Combine(Root, name.CacheFolder);

    public string BlobPath(HubFile file) => Path.Combine(RepoDir, "blobs", file.Blob);

    public string SnapshotPath(string commit, HubFile file) => Path.Combine(RepoDir, "snapshots", commit, ToLocal(file.Path));

    public string LockPath(HubFile file) => Path.Combine(Root, ".locks", name.CacheFolder, file.Blob + ".lock");

    public static bool IsCommit(string? value) => value is not null && CommitPattern().IsMatch(value);

    /// <summary>A repository path that stays inside the snapshot folder (no absolute path, no <c>..</c>).</summary>
    public static bool IsSafePath(string? path) =>
        !string.IsNullOrEmpty(path) && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal)
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    /// <summary>A branch name usable as a file under <c>refs/</c>.</summary>
    public static bool IsSafeRef(string? name) => name is not null && IsSafePath(name) && !name.Contains(':', StringComparison.Ordinal);

    /// <summary>The commit <c>refs/main</c> names, when it is one.</summary>
    public string? ReadRef()
    {
        var file = Path.Combine(RepoDir, "refs", "main");
        try
        {
            var text = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
            return IsCommit(text) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes <c>refs/&lt;branch&gt;</c> through a temporary file and a rename, so a reader never sees half a commit.</summary>
    public void WriteRef(string branch, string commit)
    {
        var file = Path.Combine(RepoDir, "refs", ToLocal(branch));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, commit);
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>The files of the snapshot <c>refs/main</c> names (else the newest one), for working without the network.</summary>
    public (string? Commit, IReadOnlyList<HubFile> Files) CachedFiles()
    {
        var snapshots = Path.Combine(RepoDir, "snapshots");
        if (!Directory.Exists(snapshots))
        {
            return (null, []);
        }

        var commit = ReadRef();
        if (commit is null || !Directory.Exists(Path.Combine(snapshots, commit)))
        {
            commit = Directory.EnumerateDirectories(snapshots).Where(d => IsCommit(Path.GetFileName(d)))
                .OrderByDescending(Directory.GetLastWriteTimeUtc).Select(Path.GetFileName).FirstOrDefault();
        }

        if (commit is null)
        {
            return (null, []);
        }

        var snapshot = Path.Combine(snapshots, commit);
        var files = Directory.EnumerateFiles(snapshot, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file =>
            {
                var info = new FileInfo(file);
                var blob = info.LinkTarget is { } target ? Path.GetFileName(target) : "";
                return new HubFile(Path.GetRelativePath(snapshot, file).Replace('\\', '/'), blob, null, null);
            })
            .ToList();
        return (commit, files);
    }

    /// <summary>
    /// Puts a downloaded blob into the snapshot: a relative link <c>../../blobs/&lt;oid&gt;</c> (one more <c>../</c>
    /// per folder in the path), or — where links cannot be made — the blob itself, moved.
    /// </summary>
    public string Finalize(string commit, HubFile file)
    {
        var snapshot = SnapshotPath(commit, file);
        if (File.Exists(snapshot))
        {
            return snapshot;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        var depth = file.Path.Count(c => c == '/');
        var target = string.Concat(Enumerable.Repeat("../", depth + 2)) + "blobs/" + file.Blob;
        try
        {
            File.CreateSymbolicLink(snapshot, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            File.Move(BlobPath(file), snapshot);
        }

        return snapshot;
    }

    /// <summary>
    /// llama.cpp's removal rule: no tag removes the repository folder; a tag removes the snapshot entries with that
    /// tag, then the blobs no remaining entry links to. Nothing outside the repository's blobs is touched. Returns
    /// the paths removed.
    /// </summary>
    public IReadOnlyList<string> Remove(string tag)
    {
        var removed = new List<string>();
        if (!Directory.Exists(RepoDir))
        {
            return removed;
        }

        if (tag.Length == 0)
        {
            Directory.Delete(RepoDir, recursive: true);
            removed.Add(RepoDir);
            return removed;
        }

        var snapshots = Path.Combine(RepoDir, "snapshots");
        var blobs = Path.GetFullPath(Path.Combine(RepoDir, "blobs"));
        var entries = Directory.Exists(snapshots) ? Directory.EnumerateFiles(snapshots, "*", SearchOption.AllDirectories).ToList() : [];
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => string.Equals(GgufFileName.Tag(e.Replace('\\', '/')), tag, StringComparison.OrdinalIgnoreCase)))
        {
            if (BlobOf(entry, blobs) is { } blob)
            {
                candidates.Add(blob);
            }

            File.Delete(entry);
            removed.Add(entry);
        }

        var remaining = entries.Where(e => File.Exists(e) || new FileInfo(e).LinkTarget is not null).ToList();
        var stillUsed = remaining.Select(e => BlobOf(e, blobs)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var blob in candidates.Where(b => !stillUsed.Contains(b) && File.Exists(b)))
        {
            File.Delete(blob);
            removed.Add(blob);
        }

        // The last tag gone: nothing of the repository is left to keep (llama.cpp's no-tag rule).
        if (removed.Count > 0 && !remaining.Any(e => e.EndsWith(".gguf", StringComparison.Ordinal)))
        {
            Directory.Delete(RepoDir, recursive: true);
        }

        return removed;
    }

    /// <summary>The blob a snapshot link resolves to, when it lies in this repository's blobs folder.</summary>
    private static string? BlobOf(string entry, string blobs)
    {
        var target = new FileInfo(entry).LinkTarget;
        if (target is null)
        {
            return null;
        }

        var full = Path.GetFullPath(target, Path.GetDirectoryName(entry)!);
        return Path.GetDirectoryName(full) == blobs ? full : null;
    }

    private static string ToLocal(string repoPath) => repoPath.Replace('/', Path.DirectorySeparatorChar);

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}
