namespace Agon.Rag;

/// <summary>
/// The files of a corpus, sorted by relative path: hidden files and folders (a name starting with <c>.</c>) and
/// linked folders are skipped, and so are the index itself, its SQLite side files (<c>-wal</c>, <c>-shm</c>,
/// <c>-journal</c>, a temporary file beside it) and anything under the index path (agon indexed its own index).
/// Then <c>ragAllowedExtensions</c> (none: every file) and <c>ragExcludeGlobs</c>.
/// </summary>
internal static class CorpusWalker
{
    public static List<CorpusFile> Walk(string root, string indexPath, IReadOnlyList<string> extensions, RagGlob excludes)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentNullException.ThrowIfNull(excludes);
        if (!Directory.Exists(root))
        {
            throw AgonException.Usage($"ragCorpusPath: the folder {root} does not exist");
        }

        var allowed = extensions.Select(e => e.Trim()).Where(e => e.Length > 0).Select(e => e.StartsWith('.') ? e : "." + e).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var files = new List<CorpusFile>();
        var pending = new Stack<(DirectoryInfo Folder, string Relative)>();
        pending.Push((new DirectoryInfo(root), ""));
        while (pending.Count > 0)
        {
            var (folder, relative) = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = folder.EnumerateFileSystemInfos().ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new AgonException($"ragCorpusPath: cannot read the folder {folder.FullName}: {ex.Message}");
            }

            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.') || IsIndex(entry.FullName, indexPath))
                {
                    continue;
                }

                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (excludes.Excludes(path) is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is null)
                    {
                        pending.Push((directory, path));
                    }
                }
                else if (allowed.Count == 0 || allowed.Contains(Path.GetExtension(entry.Name)))
                {
                    files.Add(new CorpusFile(path, entry.FullName));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private static bool IsIndex(string path, string indexPath) =>
        path.StartsWith(indexPath, StringComparison.Ordinal)
        && (path.Length == indexPath.Length || path[indexPath.Length] is '/' or '-' or '.' or '~');
}
