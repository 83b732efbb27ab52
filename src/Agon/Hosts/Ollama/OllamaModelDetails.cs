namespace Agon.Hosts.Ollama;

/// <summary>A model's <c>details</c> object.</summary>
internal sealed record OllamaModelDetails(string? Family, string? ParameterSize, string? QuantizationLevel, int? ContextLength);
