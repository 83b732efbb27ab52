using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary>Source-generated JSON for accuracy suites (agon's field names, given per property; comments and trailing commas allowed).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AccuracyFileJson))]
internal sealed partial class AccuracyJsonContext : JsonSerializerContext;
