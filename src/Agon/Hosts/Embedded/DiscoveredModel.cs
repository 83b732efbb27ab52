namespace Agon.Hosts.Embedded;

/// <summary>A GGUF model found on disk: its id (as llama-server's router would name it), file and where it was found.</summary>
internal sealed record DiscoveredModel(string Id, string Path, string Source);
