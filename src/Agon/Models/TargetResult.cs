namespace Agon.Models;

/// <summary>The outcome of an operation on one (host, model): load, unload, pull, delete.</summary>
internal sealed record TargetResult
{
    public required string Host { get; init; }

    public required string Model { get; init; }

    /// <summary><c>loaded</c>, <c>sleeping</c> (resident; the next request wakes it), <c>requested</c>, <c>unloaded</c>, <c>not-loaded</c>, <c>pulled</c>, <c>deleted</c> or <c>failed</c>.</summary>
    public required string Outcome { get; init; }

    public string? Note { get; init; }

    public string? Error { get; init; }

    public double? Seconds { get; init; }

    /// <summary>The exception behind an unexpected failure, for the log; never serialized.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Exception? Unexpected { get; init; }

    /// <summary>Pulls into the in-process host's cache: the files, their sizes and hashes, the cache folder.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Hosts.DownloadResult? Download { get; init; }
}
