using Agon.Storage;

namespace Agon.Imports;

/// <summary>What one file of agon's held, read into Agon's rows (nothing is stored yet).</summary>
internal sealed record ImportedFile(string Path, string Format, IReadOnlyList<ResponseRecord> Records, IReadOnlyList<BenchmarkRunRecord> Runs);
