namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary><c>GET api/models/{repo}/refs</c>: the branches and the commit each points at.</summary>
internal sealed record HubRefs
{
    public List<HubBranch> Branches { get; init; } = [];
}
