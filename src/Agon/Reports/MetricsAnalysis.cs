namespace Agon.Reports;

/// <summary>The analysis behind <c>agon analyze metrics</c> (its HTML report and its <c>--json</c>).</summary>
internal sealed record MetricsAnalysis
{
    public required DateTimeOffset Generated { get; init; }

    public required string AgonVersion { get; init; }

    public DateTimeOffset? Since { get; init; }

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Stored responses read.</summary>
    public long Rows { get; init; }

    public int Benchmarks { get; init; }

    public IReadOnlyList<TargetSummary> Targets { get; init; } = [];
}
