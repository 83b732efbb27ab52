namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>The Hub's error body: <c>{"error":"…"}</c>.</summary>
internal sealed record HubError
{
    public string? Error { get; init; }
}
