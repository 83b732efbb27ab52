using System.Text.Json.Serialization;

namespace Agon.Hosts.Embedded.HuggingFace;

/// <summary>Source-generated JSON for the Hugging Face Hub REST answers (refs, tree, error bodies).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HubRefs))]
[JsonSerializable(typeof(List<HubTreeEntry>))]
[JsonSerializable(typeof(HubError))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
