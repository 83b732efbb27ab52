using System.Globalization;
using LLama;
using LLama.Common;
using LLama.Exceptions;

namespace Agon.Hosts.Embedded;

/// <summary>What the in-process host says about a model: from its weights when in memory, else from the file's header and metadata.</summary>
internal static class EmbeddedModelMetadata
{
    /// <summary>The file's metadata, read with the vocabulary only (no tensors are loaded); null when llama.cpp cannot read it.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> ReadAsync(DiscoveredModel model, CancellationToken cancellationToken)
    {
        try
        {
            using var weights = await LLamaWeights.LoadFromFileAsync(new ModelParams(model.Path) { VocabOnly = true, GpuLayerCount = 0 }, cancellationToken);
            return weights.Metadata.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is LoadWeightsFailedException or RuntimeError or IOException)
        {
            return null;
        }
    }

    /// <summary><c>show modelinfo</c>'s details: the listing's facts completed from the metadata (tokenizer tables left out).</summary>
    public static ModelDetails Details(ModelInfo info, IReadOnlyDictionary<string, string>? metadata)
    {
        var architecture = metadata?.GetValueOrDefault("general.architecture");
        var training = architecture is null ? null : metadata!.GetValueOrDefault(architecture + ".context_length");
        return new ModelDetails
        {
            Model = info with
            {
                Family = info.Family ?? architecture,
                TrainingContextLength = info.TrainingContextLength
                    ?? (int.TryParse(training, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null),
            },
            Parameters = (metadata ?? new Dictionary<string, string>())
                .Where(m => !m.Key.StartsWith("tokenizer.ggml.", StringComparison.Ordinal) && m.Key != "tokenizer.chat_template")
                .OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => new KeyValuePair<string, string>(m.Key, m.Value))
                .ToList(),
            Template = metadata?.GetValueOrDefault("tokenizer.chat_template"),
            Capabilities = info.Capabilities,
            Architecture = architecture,
        };
    }

    /// <summary>The listing of a model in memory: its weights say what it is.</summary>
    public static ModelInfo Loaded(DiscoveredModel model, LoadedModel loaded, GgufHeader? header, long? size, string? quantization) => new()
    {
        Id = model.Id,
        Status = ModelStatus.Loaded,
        Source = model.Source,
        CanRemove = model.Source == "cache",
        SizeBytes = size,
        ContextLength = loaded.ContextSize,
        TrainingContextLength = loaded.Weights.ContextSize,
        ParameterCount = (long)loaded.Weights.ParameterCount,
        Family = loaded.Architecture,
        Quantization = quantization,
        Capabilities = header?.Capabilities ?? [],
    };

    /// <summary>The listing of a model not in memory: the header says what the file is, and whether it is one at all.</summary>
    public static ModelInfo NotLoaded(DiscoveredModel model, GgufHeader? header, string? reason, long? size, string? quantization, int contextCap) => new()
    {
        Id = model.Id,
        Status = reason is not null ? ModelStatus.Failed : ModelStatus.Unloaded,
        Reason = reason,
        Source = model.Source,
        CanRemove = model.Source == "cache",
        SizeBytes = size,
        Quantization = quantization,
        ContextLength = header?.TrainingContextLength is { } training ? Math.Min(training, contextCap) : null,
        TrainingContextLength = header?.TrainingContextLength,
        ParameterCount = header?.ParameterCount,
        Family = header?.Architecture,
        Capabilities = header?.Capabilities ?? [],
    };
}
