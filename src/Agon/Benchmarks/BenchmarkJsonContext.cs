using System.Text.Json.Serialization;

namespace Agon.Benchmarks;

/// <summary>Source-generated JSON for benchmark output (camelCase; nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchmarkDocument))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
