namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>
/// One file of a repository snapshot: its path in the repository, the blob it is stored as (the LFS sha256, else the
/// git sha1), and — for LFS files — the sha256 and size the download is checked against.
/// </summary>
internal sealed record HubFile(string Path, string Blob, string? Sha256, long? Size);
