using System.Text.Json.Serialization;

namespace Agon.Configuration;

/// <summary>Source-generated JSON for the few configuration values serialised whole.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
