namespace Agon.Storage;

/// <summary>Which stored rows to read: by time, host and model (case-insensitive), and kind.</summary>
internal sealed record ResponseFilter
{
    public DateTimeOffset? Since { get; init; }

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    public string? Kind { get; init; }
}
