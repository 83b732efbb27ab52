using System.Text.Json;

namespace Agon.Configuration;

/// <summary>
/// Sampling and generation parameters of a host (agon's <c>parameters</c> block, snake_case keys; <see cref="SamplingParameters"/> names them).
/// Every value is optional; a null means "the backend's default". Keys Agon does not know are kept in
/// <see cref="Extra"/> and passed to backends that accept arbitrary options.
/// </summary>
internal sealed record ModelParameters
{
    public static readonly ModelParameters Empty = new();

    public double? Temperature { get; init; }

    public int? TopK { get; init; }

    public double? TopP { get; init; }

    public double? MinP { get; init; }

    public double? TypicalP { get; init; }

    public int? RepeatLastN { get; init; }

    public double? RepeatPenalty { get; init; }

    public double? PresencePenalty { get; init; }

    public double? FrequencyPenalty { get; init; }

    public long? Seed { get; init; }

    /// <summary>The most tokens to generate: agon's <c>num_predict</c> or the OpenAI name <c>max_tokens</c>.</summary>
    public int? MaxTokens { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Context size (Ollama's <c>num_ctx</c>).</summary>
    public int? NumCtx { get; init; }

    /// <summary>Any other key from the file, verbatim, in file order.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>True when no value at all is set.</summary>
    public bool IsEmpty => this == Empty || (SamplingParameters.All.All(p => p.ValueIn(this) is null) && Extra.Count == 0);
}
