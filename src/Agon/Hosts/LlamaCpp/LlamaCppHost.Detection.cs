using System.Net;
using System.Text.Json;

namespace Agon.Hosts.LlamaCpp;

/// <summary>Telling a router from a single-model server.</summary>
internal sealed partial class LlamaCppHost
{
    /// <summary>A router loads (answering before the load happens), unloads, downloads and deletes through its API.</summary>
    private static readonly HostCapabilities s_routerCapabilities = new()
    {
        CanLoad = true,
        LoadsAsynchronously = true,
        CanPull = true,
        CanDelete = true,
        ReportsLoadState = true,
    };

    /// <summary>A single-model server only chats with the model it was started with.</summary>
    private HostCapabilities SingleCapabilities => HostCapabilities.ServesOneModel(HostException.SingleModel(Name).Message);

    private async Task<HostInfo> DetectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new Deadline(Config.Timeout, TimeProvider, cancellationToken);
        var started = TimeProvider.GetTimestamp();
        var starting = false;
        try
        {
            while (true)
            {
                using var response = await SendAsync(HttpMethod.Get, "props", null, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && IsLoadingModel(body))
                {
                    // A single-model server answers 503 "Loading model" on every route while it starts.
                    starting = true;
                    await Task.Delay(_options.StartupRetryInterval, TimeProvider, timeout.Token);
                    continue;
                }

                var roundTrip = TimeProvider.GetElapsedTime(started);
                if (response.IsSuccessStatusCode && TryParse(body) is { } props && props.RootElement.ValueKind == JsonValueKind.Object)
                {
                    using (props)
                    {
                        var root = props.RootElement;
                        var build = LlamaCppModelList.String(root, "build_info");
                        if (LlamaCppModelList.String(root, "role") == "router")
                        {
                            return new HostInfo
                            {
                                Mode = HostMode.Router,
                                Version = build,
                                RoundTrip = roundTrip,
                                Capabilities = s_routerCapabilities with
                                {
                                    MaxLoadedModels = (int?)LlamaCppModelList.Long(root, "max_instances") is { } max and > 0 ? max : null,
                                    Autoload = root.TryGetProperty("models_autoload", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False ? a.GetBoolean() : null,
                                },
                            };
                        }

                        // No role: a single-model server; /v1/models confirms it (data[0] has no status).
                        using var models = await GetJsonAsync("v1/models", null, timeout.Token);
                        var router = LlamaCppModelList.LooksLikeRouter(models.RootElement) == true;
                        _served = router ? null : First(LlamaCppModelList.Parse(models.RootElement, router: false));
                        return new HostInfo { Mode = router ? HostMode.Router : HostMode.Single, Version = build, RoundTrip = roundTrip, Capabilities = router ? s_routerCapabilities : SingleCapabilities };
                    }
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // An older build without /props: the model list tells the mode.
                    using var models = await GetJsonAsync("v1/models", null, timeout.Token);
                    var router = LlamaCppModelList.LooksLikeRouter(models.RootElement) == true;
                    _served = router ? null : First(LlamaCppModelList.Parse(models.RootElement, router: false));
                    return new HostInfo { Mode = router ? HostMode.Router : HostMode.Single, RoundTrip = roundTrip, Capabilities = router ? s_routerCapabilities : SingleCapabilities };
                }

                throw LlamaCppErrors.FromBody(response.StatusCode, body, Name, null);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HostException && timeout.Expired && !cancellationToken.IsCancellationRequested)
        {
            // Only a real 503 "Loading model" means the server is starting; silence is silence.
            throw starting
                ? HostException.TimedOut(Name, "starting up (503 Loading model)", Config.Timeout)
                : HostException.NoAnswer(Name, "GET /props", Config.Timeout);
        }
    }

    private static ModelInfo? First(IReadOnlyList<ModelInfo> models) => models.Count > 0 ? models[0] : null;

    /// <summary>The 503 a llama-server sends while it loads its model: <c>unavailable_error</c> "Loading model".</summary>
    private static bool IsLoadingModel(byte[] body) =>
        LlamaCppChatChunkParser.ParseError(body) is { } error
        && (error.Type == "unavailable_error" || (error.Message ?? "").Contains("Loading model", StringComparison.OrdinalIgnoreCase));
}
