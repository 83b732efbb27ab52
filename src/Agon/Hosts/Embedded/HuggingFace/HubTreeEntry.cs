namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>One entry of <c>GET api/models/{repo}/tree/{commit}?recursive=true</c>.</summary>
internal sealed record HubTreeEntry
{
    public string? Type { get; init; }

    public string? Path { get; init; }

    /// <summary>The git blob id (sha1, 40 hex).</summary>
    public string? Oid { get; init; }

    public long? Size { get; init; }

    /// <summary>Present for files stored with Git LFS (every GGUF): the sha256 and size of the content.</summary>
    public HubLfs? Lfs { get; init; }
}
