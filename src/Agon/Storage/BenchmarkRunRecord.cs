namespace Agon.Storage;

/// <summary>One benchmark of one (host, model): what it measured, where, and its shape. Its responses carry its id.</summary>
internal sealed record BenchmarkRunRecord
{
    public required string RunId { get; init; }

    public required DateTimeOffset Started { get; init; }

    public DateTimeOffset? Finished { get; init; }

    public required BenchmarkSubject Subject { get; init; }

    public string AgonVersion { get; init; } = Agon.AgonVersion.Current;

    public required int PromptTokens { get; init; }

    public required int GenerateTokens { get; init; }

    public required int Runs { get; init; }

    public int Concurrency { get; init; } = 1;

    public bool Unstable { get; init; }

    public bool Cancelled { get; init; }
}
