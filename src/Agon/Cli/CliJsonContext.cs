using System.Text.Json.Serialization;

namespace Agon.Cli;

/// <summary>Source-generated JSON for the output of the commands whose records live in <c>Cli/</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<CommandRow>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
