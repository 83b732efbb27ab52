using System.Text.Json.Serialization;
using Agon.Models;

namespace Agon.Cli;

/// <summary>Source-generated JSON for command output (camelCase, the vocabulary of docs/json/*.schema.json).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<HostRow>))]
[JsonSerializable(typeof(List<ModelRow>))]
[JsonSerializable(typeof(List<TargetResult>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
