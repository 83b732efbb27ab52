using System.Text.Json.Serialization;

namespace Agon.Models;

/// <summary>Source-generated JSON for the fleet commands' output (camelCase, the vocabulary of docs/json/*.schema.json).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<HostRow>))]
[JsonSerializable(typeof(List<ModelRow>))]
[JsonSerializable(typeof(List<TargetResult>))]
[JsonSerializable(typeof(List<ModelDetailsRow>))]
[JsonSerializable(typeof(List<ModelParametersRow>))]
internal sealed partial class ModelsJsonContext : JsonSerializerContext;
