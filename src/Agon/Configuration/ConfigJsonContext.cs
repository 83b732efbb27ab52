using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>Source-generated JSON for the configuration values serialised whole and for <c>show config --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ConfigReport))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
