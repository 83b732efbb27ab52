namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>One branch of a repository: its name and the commit it points at.</summary>
internal sealed record HubBranch
{
    public string? Name { get; init; }

    public string? TargetCommit { get; init; }
}
