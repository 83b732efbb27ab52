using System.Text.Json.Serialization;
using Agon.Hosts;

namespace Agon.Models;

/// <summary>One element of <c>show modelinfo --json</c>: what one host says about the model.</summary>
internal sealed record ModelDetailsRow
{
    public required string Host { get; init; }

    public required string Model { get; init; }

    public required string Status { get; init; }

    public int? ExitCode { get; init; }

    public string? Family { get; init; }

    public string? ParameterSize { get; init; }

    public long? ParameterCount { get; init; }

    public string? Quantization { get; init; }

    public long? SizeBytes { get; init; }

    public int? ContextLength { get; init; }

    public int? TrainingContextLength { get; init; }

    public string? Source { get; init; }

    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>The host's default parameters as one object, in the host's order (a repeated key, such as Ollama's <c>stop</c>, repeats).</summary>
    [JsonConverter(typeof(PairsAsObjectConverter))]
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    public string? Template { get; init; }

    public static ModelDetailsRow From(string host, ModelDetails details) => new()
    {
        Host = host,
        Model = details.Model.Id,
        Status = details.Model.Status,
        ExitCode = details.Model.ExitCode,
        Family = details.Model.Family ?? details.Architecture,
        ParameterSize = details.Model.ParameterSize,
        ParameterCount = details.Model.ParameterCount,
        Quantization = details.Model.Quantization,
        SizeBytes = details.Model.SizeBytes,
        ContextLength = details.Model.ContextLength,
        TrainingContextLength = details.Model.TrainingContextLength,
        Source = details.Model.Source,
        Capabilities = details.Capabilities,
        Settings = details.Parameters,
        Template = details.Template,
    };
}
