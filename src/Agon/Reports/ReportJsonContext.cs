using System.Text.Json.Serialization;

namespace Agon.Reports;

/// <summary>Source-generated JSON for <c>agon analyze metrics --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MetricsAnalysis))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
