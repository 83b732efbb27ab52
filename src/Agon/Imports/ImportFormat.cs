namespace Agon.Imports;

/// <summary>The three files agon kept its measurements in (agon-inventory §3.7–3.9).</summary>
internal static class ImportFormat
{
    /// <summary><c>reports/data/model_performance_metrics.json</c>: running statistics per model.</summary>
    public const string MetricsFile = "agon metrics file";

    /// <summary><c>benchmark/benchmarks/*.json</c>: a map keyed by model with every iteration.</summary>
    public const string Benchmark = "agon benchmark JSON";

    /// <summary><c>accuracy/results/*.jsonl</c>: one answer per line.</summary>
    public const string Accuracy = "agon accuracy JSONL";
}
