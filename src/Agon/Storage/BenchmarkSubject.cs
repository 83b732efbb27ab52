namespace Agon.Storage;

/// <summary>
/// What a benchmark measured and where: the host and model, the backend and its build, and the model's shape as
/// the host reported it. A benchmark's result carries it, and so does its stored run.
/// </summary>
internal sealed record BenchmarkSubject
{
    public required string Host { get; init; }

    public required string Model { get; init; }

    public string Backend { get; init; } = "";

    public string? ServerBuild { get; init; }

    public string? Quantization { get; init; }

    public long? SizeBytes { get; init; }

    public int? ContextLength { get; init; }

    public int? ModelsMax { get; init; }
}
