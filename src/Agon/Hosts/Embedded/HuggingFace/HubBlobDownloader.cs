using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// Downloads one blob into the cache, better than llama.cpp does: under a lock file (a second writer is refused),
/// into <c>&lt;blob&gt;.downloadInProgress</c>, resuming with <c>Range</c> (only a 206 is accepted as a resumption;
/// a server without ranges restarts the file), three attempts with 2 s and 4 s pauses on the injected clock, the
/// size and sha256 the hub lists checked before the rename into place. Ctrl+C keeps the partial file, so the next
/// pull resumes where this one stopped (llama.cpp deletes it).
/// </summary>
internal sealed class HubBlobDownloader(HttpClient http, TimeProvider timeProvider)
{
    public const int Attempts = 3;
    private static readonly TimeSpan s_reportInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause before attempt <paramref name="attempt"/> (2, 3): 2 s, then 4 s.</summary>
    public static TimeSpan Pause(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    public async Task<string> DownloadAsync(HubModelName name, Uri url, HubFile file, HubCacheLayout cache, string? token, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var blob = cache.BlobPath(file);
        var lockPath = cache.LockPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new AgonException($"{name.Repo}: another agon is downloading {file.Path} right now (lock {lockPath}); pull again when it has finished");
        }

        await using (held)
        {
            var partial = blob + ".downloadInProgress";
            if (File.Exists(blob))
            {
                return "cached";
            }

            var useRanges = true;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var outcome = await AttemptAsync(name, url, file, partial, token, useRanges, progress, cancellationToken);
                    if (outcome == Outcome.Done)
                    {
                        break;
                    }

                    useRanges = outcome != Outcome.RangeRefused;
                    if (attempt >= Attempts)
                    {
                        throw new AgonException(outcome == Outcome.RangeRefused
                            ? $"{name.Repo}: {file.Path}: the server answered a resume request with the whole file {Attempts} times"
                            : $"{name.Repo}: {file.Path}: the download ended early {Attempts} times; pull again to resume");
                    }
                }
                catch (Exception ex) when (Retryable(ex) && attempt < Attempts)
                {
                    // Fall through to the pause; the partial file stays for the next attempt to resume.
                }
                catch (Exception ex) when (Retryable(ex))
                {
                    throw new AgonException($"{name.Repo}: {file.Path}: download failed after {Attempts} attempts: {ex.Message}; pull again to resume", innerException: ex);
                }

                progress?.Report(new ModelProgress(file.Path, $"retrying in {Pause(attempt + 1).TotalSeconds:0} s", null));
                await Task.Delay(Pause(attempt + 1), timeProvider, cancellationToken);
            }

            File.Move(partial, blob, overwrite: true);
        }

        try
        {
            File.Delete(lockPath);
        }
        catch (IOException)
        {
        }

        return "downloaded";
    }

    private enum Outcome
    {
        Done,
        Short,
        RangeRefused,
    }

    private async Task<Outcome> AttemptAsync(HubModelName name, Uri url, HubFile file, string partial, string? token, bool useRanges, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (!useRanges || (file.Size is { } listed && existing > listed))
        {
            existing = 0;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(partial);
            return Outcome.Short;
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = HubClient.Describe(name, response.StatusCode, null);
            if ((int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"{file.Path}: the hub answered {(int)response.StatusCode} {response.StatusCode}", null, response.StatusCode);
            }

            throw new AgonException(response.StatusCode == HttpStatusCode.NotFound ? $"{name.Repo}: {file.Path} is not on the hub ({url})" : message);
        }

        var append = existing > 0;
        if (append && response.StatusCode != HttpStatusCode.PartialContent)
        {
            var serverHasNoRanges = !response.Headers.AcceptRanges.Contains("bytes");
            if (!serverHasNoRanges)
            {
                // It says it serves ranges but answered the whole file: this attempt fails, the next starts over.
                return Outcome.RangeRefused;
            }

            // A server without ranges: start the file over with this answer.
            append = false;
            existing = 0;
        }

        if (append && response.Content.Headers.ContentRange is { } range && range.From != existing)
        {
            return Outcome.RangeRefused;
        }

        var total = file.Size ?? (response.Content.Headers.ContentLength is { } length ? length + existing : null);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var pipeline = new HubBlobPipeline();
        long done;

        // No FileStream buffering (the pipeline's buffers are large), no write-through; a new file gets its whole
        // size reserved up front (the length stays what is written, so a partial file still resumes from its end).
        using (var output = File.OpenHandle(partial, append ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.None, append ? 0 : total ?? 0))
        {
            if (append)
            {
                // The bytes kept from before count towards the hash.
                RehashPrefix(output, existing, hash);
                RandomAccess.SetLength(output, existing);
            }

            var started = timeProvider.GetTimestamp();
            progress?.Report(Progress(file, existing, total, existing, started));
            await using var input = await response.Content.ReadAsStreamAsync(cancellationToken);
            var lastReport = started;
            void Received(long copied)
            {
                if (progress is not null && timeProvider.GetElapsedTime(lastReport) >= s_reportInterval)
                {
                    lastReport = timeProvider.GetTimestamp();
                    progress.Report(Progress(file, existing + copied, total, existing, started));
                }
            }

            // Blocking reads on a thread of its own, as curl does, while the pipeline hashes and writes on two more.
            done = existing + await Task.Factory.StartNew(
                () => pipeline.Copy(input, output, existing, hash, Received, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            progress?.Report(Progress(file, done, total, existing, started));
        }

        if (file.Size is { } size && done < size)
        {
            return Outcome.Short;
        }

        if (file.Size is { } expected && done > expected)
        {
            File.Delete(partial);
            throw new AgonException($"{name.Repo}: {file.Path}: the download has {done} bytes, the hub lists {expected}; the file was deleted");
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (file.Sha256 is { } sha && !string.Equals(sha, actual, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new AgonException($"{name.Repo}: {file.Path}: sha256 mismatch: the hub lists {sha}, the download has {actual}; the file was deleted");
        }

        return Outcome.Done;
    }

    private static void RehashPrefix(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length, IncrementalHash hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(HubBlobPipeline.DefaultBufferSize);
        try
        {
            for (long at = 0; at < length;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - at)), at);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, read);
                at += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ModelProgress Progress(HubFile file, long done, long? total, long resumedFrom, long started)
    {
        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        var rate = seconds > 0.2 ? (done - resumedFrom) / seconds : 0;
        var stage = rate > 0 ? $"{Terminal.Figures.Bytes((long)rate)}/s" : "downloading";
        if (rate > 0 && total is { } t && t > done)
        {
            stage += $", {Eta((t - done) / rate)} left";
        }

        return new ModelProgress(file.Path, stage, total is > 0 ? (double)done / total.Value : null, done, total);
    }

    private static string Eta(double seconds) => seconds switch
    {
        < 60 => $"{Math.Ceiling(seconds):0} s",
        < 3600 => $"{Math.Floor(seconds / 60):0} min {Math.Ceiling(seconds % 60):0} s",
        _ => $"{Math.Floor(seconds / 3600):0} h {Math.Ceiling(seconds % 3600 / 60):0} min",
    };

    private static bool Retryable(Exception ex) => ex is HttpRequestException or HttpIOException
        || (ex is IOException && ex is not FileNotFoundException and not DirectoryNotFoundException && ex is not PathTooLongException);
}
