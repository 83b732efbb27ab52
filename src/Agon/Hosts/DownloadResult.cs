namespace Agon.Hosts;

/// <summary>What a pull put on disk, where the host says (the in-process host: its hub cache).</summary>
internal sealed record DownloadResult
{
    /// <summary>The repository folder in the cache.</summary>
    public required string Cache { get; init; }

    /// <summary>The commit of the snapshot the files belong to, when known.</summary>
    public string? Commit { get; init; }

    public required IReadOnlyList<DownloadedFile> Files { get; init; }
}
