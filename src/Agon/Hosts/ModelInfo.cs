namespace Agon.Hosts;

/// <summary>One model as a host reports it.</summary>
internal sealed record ModelInfo
{
    /// <summary>The model id the host uses.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="ModelStatus"/>, or an unknown word from a newer server, as is.</summary>
    public required string Status { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The exit code of the model's last process when <see cref="Status"/> is <c>failed</c>.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why the model is <c>failed</c>, when the host says.</summary>
    public string? Reason { get; init; }

    /// <summary>Where the host found it (llama.cpp <c>models_dir</c>, <c>cache</c>, <c>preset</c>).</summary>
    public string? Source { get; init; }

    /// <summary>Whether the host allows deleting it.</summary>
    public bool CanRemove { get; init; }

    /// <summary>Size in bytes, where known.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Context length the model runs with, where known.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Context length the model was trained with, where known.</summary>
    public int? TrainingContextLength { get; init; }

    /// <summary>Parameter count, where known.</summary>
    public long? ParameterCount { get; init; }

    /// <summary>Parameter count as the host labels it (Ollama <c>"8.2B"</c>), where known.</summary>
    public string? ParameterSize { get; init; }

    /// <summary>Quantization or tensor type (<c>Q4_K_M</c>, <c>all F32</c>), where known.</summary>
    public string? Quantization { get; init; }

    /// <summary>Model family (<c>llama</c>, <c>qwen3</c>), where known.</summary>
    public string? Family { get; init; }

    /// <summary>What the model can do (<c>completion</c>, <c>embedding</c>), where the host knows; empty when it does not say.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>When a loaded model will be unloaded (Ollama <c>expires_at</c>).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Bytes of the model in GPU memory (Ollama <c>size_vram</c>).</summary>
    public long? SizeVram { get; init; }

    /// <summary>Bytes the loaded model occupies in memory, weights and context (Ollama <c>/api/ps</c> <c>size</c>).</summary>
    public long? LoadedSizeBytes { get; init; }

    /// <summary>True when the id or one of the aliases is <paramref name="name"/>.</summary>
    public bool Answers(string name) =>
        string.Equals(Id, name, StringComparison.Ordinal) || Aliases.Contains(name, StringComparer.Ordinal);
}
