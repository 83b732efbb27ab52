namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// <c>agon pull models local/owner/repo[:TAG]</c>: llama.cpp's <c>-hf</c> into the shared hub cache. A model whose
/// files are all in the cache costs no request; otherwise refs → tree → selection → the missing blobs (at most four
/// at a time, each verified) → snapshot links → <c>refs/&lt;branch&gt;</c>.
/// </summary>
internal sealed class HubPuller(HttpClient http, string cacheRoot, Uri endpoint, string? token, TimeProvider timeProvider)
{
    private const int MaxParallel = 4;

    public async Task<DownloadResult> PullAsync(HubModelName name, string? hfFile, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var cache = new HubCacheLayout(cacheRoot, name);
        if (Offline(name, hfFile, cache) is { } present)
        {
            return present;
        }

        var client = new HubClient(http, endpoint, token, timeProvider);
        var (branch, commit) = await client.GetCommitAsync(name, cancellationToken);
        var files = await client.GetFilesAsync(name, commit, cancellationToken);
        if (files.Any(f => f.Path == "preset.ini"))
        {
            throw new AgonException($"{name.Repo} is a preset repository (preset.ini); Agon pulls GGUF model repositories only (llama-server -hf {name.Repo} reads presets)");
        }

        var selected = HubFileSelection.Select(name, hfFile, files);
        var downloader = new HubBlobDownloader(http, timeProvider);
        var rows = progress as IFileProgress;
        var results = new DownloadedFile[selected.Count];
        long total = selected.Sum(f => f.Size ?? 0);
        var done = new long[selected.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, selected.Count), new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var file = selected[i];
            var snapshot = cache.SnapshotPath(commit, file);
            var cached = IsPresent(snapshot) || File.Exists(cache.BlobPath(file));
            if (!cached)
            {
                IProgress<ModelProgress>? fileProgress = selected.Count > 1 && rows is not null
                    ? rows.AddFile(file.Path)
                    : null;
                var reporter = new Relay(p =>
                {
                    fileProgress?.Report(p);
                    done[i] = p.CompletedBytes ?? done[i];
                    var sum = done.Sum();
                    progress?.Report(selected.Count > 1
                        ? new ModelProgress(name.ToString(), $"{selected.Count} files", total > 0 ? (double)sum / total : null, sum, total)
                        : p);
                });
                await downloader.DownloadAsync(name, client.FileUrl(name, commit, file), file, cache, token, reporter, ct);
            }

            results[i] = new DownloadedFile { Path = file.Path, Local = cache.Finalize(commit, file), SizeBytes = file.Size, Sha256 = file.Sha256, Cached = cached };
        });
        cache.WriteRef(branch, commit);
        return new DownloadResult { Cache = cache.RepoDir, Commit = commit, Files = results };
    }

    /// <summary>The cached snapshot already holds every file the selection asks for: nothing to fetch.</summary>
    private static DownloadResult? Offline(HubModelName name, string? hfFile, HubCacheLayout cache)
    {
        var (commit, files) = cache.CachedFiles();
        if (commit is null || files.Count == 0)
        {
            return null;
        }

        IReadOnlyList<HubFile> selected;
        try
        {
            selected = HubFileSelection.Select(name, hfFile, files);
        }
        catch (AgonException)
        {
            return null;
        }

        if (!HubFileSelection.IsComplete(selected) || !selected.All(f => IsPresent(cache.SnapshotPath(commit, f))))
        {
            return null;
        }

        return new DownloadResult
        {
            Cache = cache.RepoDir,
            Commit = commit,
            Files = selected.Select(f =>
            {
                var local = cache.SnapshotPath(commit, f);
                return new DownloadedFile { Path = f.Path, Local = local, SizeBytes = new FileInfo(local).Length, Sha256 = f.Blob.Length == 64 ? f.Blob : null, Cached = true };
            }).ToList(),
        };
    }

    /// <summary>A file, or a link whose target exists.</summary>
    public static bool IsPresent(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return info.Exists;
        }

        return info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    private sealed class Relay(Action<ModelProgress> report) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value) => report(value);
    }
}
