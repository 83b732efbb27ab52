namespace Agon.Hosts;

/// <summary>One file of a pull: its path in the repository, where it is on disk, its size and sha256, and whether it was already there.</summary>
internal sealed record DownloadedFile
{
    public required string Path { get; init; }

    public required string Local { get; init; }

    public long? SizeBytes { get; init; }

    public string? Sha256 { get; init; }

    /// <summary>True when the file was in the cache already (no network request was made for it).</summary>
    public bool Cached { get; init; }
}
