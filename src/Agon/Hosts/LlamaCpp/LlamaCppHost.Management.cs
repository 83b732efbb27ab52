using System.Net;
using System.Text;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Loading, unloading, downloading and removing models on a router.</summary>
internal sealed partial class LlamaCppHost
{
    public async Task<string> StartLoadAsync(string model, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        var entry = await FindAsync(model, cancellationToken);
        if (ModelStatus.IsRunning(entry.Status))
        {
            return entry.Status;
        }

        using var response = await SendAsync(HttpMethod.Post, "models/load", JsonBody(entry.Id), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode && !IsAlreadyRunning(body))
        {
            throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, entry.Id);
        }

        return ModelStatus.Loading;
    }

    public async Task LoadAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        await LoadAsync(model, entry: null, progress, cancellationToken);
    }

    /// <summary>Loads a model; <paramref name="entry"/> is its list entry when the caller has just read it.</summary>
    private async Task LoadAsync(string model, ModelInfo? entry, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        using var timeout = new Deadline(Config.Timeout, TimeProvider, cancellationToken);
        try
        {
            entry ??= await FindAsync(model, timeout.Token);
            if (entry.Status is ModelStatus.Loaded or ModelStatus.Sleeping)
            {
                // A sleeping model is resident: the next request wakes it, and a load request would not (400).
                progress?.Report(new ModelProgress(entry.Id, entry.Status, 1.0));
                _readyModels[entry.Id] = 0;
                return;
            }

            using var events = await LlamaCppModelEventFeed.OpenAsync(Http, timeout.Token);
            var alreadyRunning = false;
            using (var response = await SendAsync(HttpMethod.Post, "models/load", JsonBody(entry.Id), timeout.Token))
            {
                // Read to the end either way (a few bytes), so the exchange is logged as complete.
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    alreadyRunning = IsAlreadyRunning(body);
                    if (!alreadyRunning)
                    {
                        throw response.StatusCode == HttpStatusCode.NotFound
                            ? await NotFoundAsync(model, timeout.Token)
                            : LlamaCppErrors.FromBody(response.StatusCode, body, Name, entry.Id);
                    }
                }
            }

            progress?.Report(new ModelProgress(entry.Id, ModelStatus.Loading));

            // Someone else's load may have finished before the feed was open: its "loaded" event is gone, so look once.
            if (alreadyRunning || events is null || !await WaitForLoadEventsAsync(events, entry.Id, progress, timeout.Token))
            {
                await PollUntilLoadedAsync(entry.Id, progress, timeout.Token);
            }

            _readyModels[entry.Id] = 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.TimedOut(Name, $"loading {model}", Config.Timeout);
        }
    }

    public async Task<UnloadResult> UnloadAsync(string model, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        using var timeout = new Deadline(Config.Timeout, TimeProvider, cancellationToken);
        try
        {
            _readyModels.TryRemove(model, out _);
            using (var response = await SendAsync(HttpMethod.Post, "models/unload", JsonBody(model), timeout.Token))
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    var message = LlamaCppChatChunkParser.ParseError(body)?.Message ?? "";
                    if (message.Contains("not running", StringComparison.Ordinal) || message.Contains("not loaded", StringComparison.Ordinal))
                    {
                        return new UnloadResult(false, $"model {model} was not loaded on host {Name}");
                    }

                    throw message.Contains("not found", StringComparison.Ordinal) || response.StatusCode == HttpStatusCode.NotFound
                        ? await NotFoundAsync(model, timeout.Token)
                        : LlamaCppErrors.FromBody(response.StatusCode, body, Name, model);
                }
            }

            // The unload is asynchronous: wait until the router reports it, so a following load can use the slot.
            while (true)
            {
                var entry = (await ListModelsAsync(timeout.Token)).FirstOrDefault(m => m.Answers(model));
                if (entry is null || !ModelStatus.IsRunning(entry.Status))
                {
                    return new UnloadResult(true);
                }

                await Task.Delay(_options.PollInterval, TimeProvider, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw HostException.TimedOut(Name, $"unloading {model}", Config.Timeout);
        }
    }

    public async Task PullAsync(string model, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        using var events = await LlamaCppModelEventFeed.OpenAsync(Http, cancellationToken);
        using (var response = await SendAsync(HttpMethod.Post, "models", JsonBody(model), cancellationToken))
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var refusal = LlamaCppChatChunkParser.ParseError(body)?.Message ?? "";
                if (refusal.Contains("already exists", StringComparison.Ordinal))
                {
                    progress?.Report(new ModelProgress(model, ModelStatus.Downloaded, 1.0));
                    return;
                }

                if (refusal.Contains("model limit reached", StringComparison.Ordinal))
                {
                    throw HostException.DownloadNeedsFreePlace(model, Name, (await GetInfoAsync(cancellationToken)).Capabilities.MaxLoadedModels);
                }

                throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, model);
            }
        }

        try
        {
            progress?.Report(new ModelProgress(model, ModelStatus.Downloading));
            var finished = events is not null && await FollowDownloadAsync(events, model, progress, cancellationToken);
            var watching = TimeProvider.GetTimestamp();
            while (!finished)
            {
                // No event feed (or it closed): watch the list until the model is no longer downloading. A download
                // the list never shows (for as long as the host timeout) did not happen.
                var entry = (await ListModelsAsync(cancellationToken)).FirstOrDefault(m => IsDownloaded(m.Id, model));
                if (entry is not null && entry.Status is not ModelStatus.Downloading)
                {
                    break;
                }

                if (entry is null && TimeProvider.GetElapsedTime(watching) >= Config.Timeout)
                {
                    throw HostException.DownloadNotListed(model, Name, reportedFinished: false);
                }

                await Task.Delay(_options.PollInterval, TimeProvider, cancellationToken);
            }

            // Neither the 200 nor "download_finished" proves a download (a router without network sends both):
            // only a model the router then lists was downloaded.
            if (!(await ListModelsAsync(cancellationToken)).Any(m => IsDownloaded(m.Id, model)))
            {
                throw HostException.DownloadNotListed(model, Name);
            }

            progress?.Report(new ModelProgress(model, ModelStatus.Downloaded, 1.0));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The router keeps downloading when its client goes away; unloading the entry cancels the download.
            await CancelDownloadAsync(model);
            throw;
        }
    }

    /// <summary>
    /// Follows the feed to the end of the download: true once it finished and the router re-read its list (or the
    /// feed went quiet for a moment after the finish); false when the feed ended, or said nothing about the model for
    /// as long as the host timeout, before any outcome (the list is watched instead).
    /// </summary>
    private async Task<bool> FollowDownloadAsync(LlamaCppModelEventFeed events, string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        using var quiet = new Deadline(Config.Timeout, TimeProvider, cancellationToken);
        var finished = false;
        try
        {
            await foreach (var e in events.ReadAsync(quiet.Token))
            {
                if (finished && e.Event == "models_reload")
                {
                    return true;
                }

                if (!Matches(e.Model, model))
                {
                    continue;
                }

                if (!finished)
                {
                    quiet.Restart(Config.Timeout);
                }

                switch (e.Event)
                {
                    case "download_progress":
                        var fraction = e.TotalBytes is > 0 ? (double)e.DoneBytes.GetValueOrDefault() / e.TotalBytes.Value : (double?)null;
                        progress?.Report(new ModelProgress(model, ModelStatus.Downloading, fraction, e.DoneBytes, e.TotalBytes));
                        break;
                    case "download_finished":
                        // The new entry shows in the list after the router's reload; wait briefly for that event.
                        finished = true;
                        quiet.Restart(_options.ReloadGrace);
                        break;
                    case "download_failed":
                        throw HostException.Server(Name, model, "download failed" + (e.Error is null ? "" : ": " + e.Error));
                }
            }
        }
        catch (OperationCanceledException) when (quiet.Expired && !cancellationToken.IsCancellationRequested)
        {
            return finished;
        }

        return finished;
    }

    /// <summary>The list names a download by the name asked for, with the tag the router chose when none was given.</summary>
    private static bool IsDownloaded(string id, string model) =>
        string.Equals(id, model, StringComparison.OrdinalIgnoreCase)
        || (!model.Contains(':', StringComparison.Ordinal) && id.StartsWith(model + ":", StringComparison.OrdinalIgnoreCase));

    private async Task CancelDownloadAsync(string model)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await SendAsync(HttpMethod.Post, "models/unload", JsonBody(model), bounded.Token);
        }
        catch (Exception ex) when (ex is HostException or OperationCanceledException)
        {
            // Best effort: the user asked to stop, and the run is ending either way.
        }
    }

    public async Task DeleteAsync(string model, CancellationToken cancellationToken = default)
    {
        await RequireRouterAsync(cancellationToken);
        var entry = (await ListModelsAsync(cancellationToken)).FirstOrDefault(m => m.Answers(model)) ?? throw HostException.NotOnHost(model, Name);
        if (!entry.CanRemove)
        {
            throw NotRemovable(entry);
        }

        _readyModels.TryRemove(entry.Id, out _);
        using var response = await SendAsync(HttpMethod.Delete, "models?model=" + Uri.EscapeDataString(entry.Id), null, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = LlamaCppChatChunkParser.ParseError(body)?.Message ?? "";

            // DELETE answers 500 for both: "model name=X is not found", "model name=X is not removable (not from cache)".
            throw message.Contains("not removable", StringComparison.Ordinal) ? (entry.Source == "preset" ? NotRemovable(entry) : HostException.FromModelsFolder(entry.Id, Name))
                : message.Contains("not found", StringComparison.Ordinal) ? HostException.NotOnHost(entry.Id, Name)
                : LlamaCppErrors.FromBody(response.StatusCode, body, Name, entry.Id);
        }
    }

    /// <summary>Only models downloaded into the cache can be deleted through the API.</summary>
    private HostException NotRemovable(ModelInfo entry) => entry.Source switch
    {
        "preset" => HostException.Refused(Name, $"model {entry.Id} is defined in the server's preset file; remove its section there (the API deletes only downloaded models)"),
        "models_dir" or null => HostException.FromModelsFolder(entry.Id, Name),
        _ => HostException.Refused(Name, $"model {entry.Id} comes from {entry.Source} and cannot be removed through the API; only models downloaded into the cache can"),
    };

    /// <summary>Follows the event feed; false when the feed ended before the model settled.</summary>
    private async Task<bool> WaitForLoadEventsAsync(LlamaCppModelEventFeed events, string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        await foreach (var e in events.ReadAsync(cancellationToken))
        {
            if (!Matches(e.Model, model) || e.Event is not ("model_status" or "status_change"))
            {
                continue;
            }

            switch (e.Status)
            {
                case ModelStatus.Loading when e.Progress is not null:
                    progress?.Report(new ModelProgress(model, ModelStatus.Loading, e.Progress));
                    break;
                case ModelStatus.Loaded or ModelStatus.Sleeping:
                    progress?.Report(new ModelProgress(model, e.Status, 1.0));
                    return true;
                case ModelStatus.Unloaded:
                    throw HostException.LoadFailed(model, Name, e.ExitCode is 0 ? null : e.ExitCode);
            }
        }

        return false;
    }

    private async Task PollUntilLoadedAsync(string model, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var sawLoading = false;
        while (true)
        {
            var entry = (await ListModelsAsync(cancellationToken)).FirstOrDefault(m => m.Answers(model));
            switch (entry?.Status)
            {
                case ModelStatus.Loaded or ModelStatus.Sleeping:
                    // Sleeping after a refused load ("already running"): resident, and it will not turn loaded by itself.
                    progress?.Report(new ModelProgress(model, entry.Status, 1.0));
                    return;
                case ModelStatus.Failed:
                    throw HostException.LoadFailed(model, Name, entry.ExitCode);
                case ModelStatus.Loading:
                    sawLoading = true;
                    break;
                case ModelStatus.Unloaded when sawLoading:
                    throw HostException.LoadFailed(model, Name, null);
            }

            await Task.Delay(_options.PollInterval, TimeProvider, cancellationToken);
        }
    }

    private static bool IsAlreadyRunning(byte[] body)
    {
        var message = LlamaCppChatChunkParser.ParseError(body)?.Message ?? Encoding.UTF8.GetString(body);
        return message.Contains("already running", StringComparison.Ordinal) || message.Contains("already loaded", StringComparison.Ordinal);
    }

    private static bool Matches(string eventModel, string model) => string.Equals(eventModel, model, StringComparison.Ordinal);
}
