namespace Agon.Hosts.LlamaCpp;

/// <summary>Waiting intervals of a llama.cpp host; tests shorten them.</summary>
internal sealed record LlamaCppHostOptions
{
    public static readonly LlamaCppHostOptions Default = new();

    /// <summary>Between two <c>GET /models</c> while waiting for a state change without the event feed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Between two tries while a single-model server answers 503 "Loading model".</summary>
    public TimeSpan StartupRetryInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
