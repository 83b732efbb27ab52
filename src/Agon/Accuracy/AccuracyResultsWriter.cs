using System.Text;
using System.Text.Json;
using Agon.Files;

namespace Agon.Accuracy;

/// <summary>
/// Appends each record to <c>&lt;folder&gt;/&lt;model&gt;.jsonl</c> as agon did (the model name with characters other
/// than letters, digits, '.', '-' and '_' made '_'), one line each, flushed at once: Ctrl+C or a crash keeps every
/// finished line. Thread-safe (hosts run in parallel; one model on two hosts shares a file).
/// </summary>
internal sealed class AccuracyResultsWriter(string folder) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);

    /// <summary>The files written to, in the order they were first written.</summary>
    public List<string> Files { get; } = [];

    public static string FileName(string model) =>
        string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')) + ".jsonl";

    public void Append(AccuracyRecord record)
    {
        var line = JsonSerializer.Serialize(AccuracyRecordJson.From(record), AccuracyResultsJsonContext.Default.AccuracyRecordJson);
        var path = Path.Combine(folder, FileName(record.Model));
        lock (_gate)
        {
            try
            {
                if (!_files.TryGetValue(path, out var writer))
                {
                    Directory.CreateDirectory(folder);
                    writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
                    _files[path] = writer;
                    Files.Add(path);
                }

                writer.Write(line);
                writer.Write('\n');
                writer.Flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new AgonException($"cannot write accuracy results to {path}: {FileErrors.Reason(ex, path)}");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var writer in _files.Values)
            {
                writer.Dispose();
            }

            _files.Clear();
        }
    }
}
