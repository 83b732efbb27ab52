namespace Agon.Hosts.LlamaCpp;

/// <summary>Waiting intervals of a llama.cpp host; tests shorten them.</summary>
internal sealed record LlamaCppHostOptions
{
    public static readonly LlamaCppHostOptions Default = new();

    /// <summary>Between two <c>GET /models</c> while waiting for a state change without the event feed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Between two tries while a single-model server answers 503 "Loading model".</summary>
    public TimeSpan StartupRetryInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait, after <c>download_finished</c>, for the router's <c>models_reload</c> before reading the list.</summary>
    public TimeSpan ReloadGrace { get; init; } = TimeSpan.FromSeconds(2);
}
