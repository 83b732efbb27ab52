namespace Agon.Models;

/// <summary>One (host, model) line of <c>agon list models</c>; the <c>--json</c> schema is docs/json/list-models.schema.json.</summary>
internal sealed record ModelRow
{
    public required string Host { get; init; }

    public required string Model { get; init; }

    public required string Status { get; init; }

    /// <summary>In the host's configured <c>models</c>.</summary>
    public bool Configured { get; init; }

    public long? SizeBytes { get; init; }

    public string? Quantization { get; init; }

    public string? ParameterSize { get; init; }

    public string? Family { get; init; }

    public int? ContextLength { get; init; }

    /// <summary>What the model can do (<c>completion</c>, <c>embedding</c>), where the host says.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Exit code of the model's last process when <see cref="Status"/> is <c>failed</c>.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why the model is <c>failed</c>, when the host says.</summary>
    public string? Error { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public long? SizeVram { get; init; }

    /// <summary>Bytes the loaded model occupies in memory, where the host says (Ollama <c>/api/ps</c>).</summary>
    public long? LoadedSizeBytes { get; init; }
}
