using System.Text.Json.Serialization;

namespace Agon.Accuracy;

/// <summary>Source-generated JSON for accuracy output: the JSONL records and <c>--json</c> (nulls left out).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccuracyRecordJson))]
[JsonSerializable(typeof(AccuracyDocument))]
internal sealed partial class AccuracyResultsJsonContext : JsonSerializerContext;
