namespace Agon.Models;

/// <summary>One host of <c>agon list hosts</c>; the <c>--json</c> schema is docs/json/list-hosts.schema.json.</summary>
internal sealed record HostRow
{
    public required string Host { get; init; }

    public required string Type { get; init; }

    public string? Url { get; init; }

    public bool Reachable { get; init; }

    public string? Mode { get; init; }

    public string? Version { get; init; }

    public int? ModelsMax { get; init; }

    public bool? Autoload { get; init; }

    public double? RoundTripMs { get; init; }

    public string? Error { get; init; }
}
