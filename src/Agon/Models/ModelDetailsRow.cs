using System.Text.Json.Serialization;
using Agon.Hosts;

namespace Agon.Models;

/// <summary>
/// One element of <c>show modelinfo --json</c>: what one host says about the model; <c>settings</c> are the host's
/// default parameters as one object in the host's order (a repeated key, such as Ollama's <c>stop</c>, repeats).
/// </summary>
internal sealed record ModelDetailsRow(
    string Host, string Model, string Status, int? ExitCode, string? Family, string? ParameterSize, long? ParameterCount,
    string? Quantization, long? SizeBytes, int? ContextLength, int? TrainingContextLength, string? Source, IReadOnlyList<string> Capabilities,
    [property: JsonConverter(typeof(PairsAsObjectConverter))] IReadOnlyList<KeyValuePair<string, string>> Settings, string? Template)
{
    public static ModelDetailsRow From(string host, ModelDetails details)
    {
        var m = details.Model;
        return new(host, m.Id, m.Status, m.ExitCode, m.Family ?? details.Architecture, m.ParameterSize, m.ParameterCount,
            m.Quantization, m.SizeBytes, m.ContextLength, m.TrainingContextLength, m.Source, details.Capabilities,
            details.Parameters, details.Template);
    }
}
