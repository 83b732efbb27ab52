namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>The Git LFS part of a tree entry: <c>oid</c> is the sha256 of the content, <c>size</c> its length.</summary>
internal sealed record HubLfs
{
    public string? Oid { get; init; }

    public long? Size { get; init; }
}
