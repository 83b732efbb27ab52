using System.Globalization;

namespace Agon.Hosts.Embedded;

/// <summary>
/// Checks model files before native code reads them: each file's GGUF header, read once per path, size and write
/// time, or why the file is not a usable GGUF; and the reason a file that passed still would not load.
/// </summary>
internal sealed class GgufFileCheck
{
    private readonly Dictionary<string, (GgufHeader? Header, string? Problem)> _headers = new(StringComparer.Ordinal);

    /// <summary>The file's GGUF header, or why it is not a usable GGUF.</summary>
    public (GgufHeader? Header, string? Problem) Header(DiscoveredModel model)
    {
        var info = new FileInfo(model.Path);
        var key = string.Create(CultureInfo.InvariantCulture, $"{model.Path}|{(info.Exists ? info.Length : -1)}|{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}");
        lock (_headers)
        {
            if (_headers.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var read = GgufHeader.TryRead(model.Path);
        lock (_headers)
        {
            _headers[key] = read;
        }

        return read;
    }

    /// <summary>Why llama.cpp refused the file: what its header says is wrong, else the engine's own message.</summary>
    public static string LoadFailure(DiscoveredModel model, Exception ex) =>
        GgufHeader.TryRead(model.Path).Problem
        ?? $"llama.cpp could not load {Path.GetFileName(model.Path)} (unsupported architecture or damaged file): {ex.Message}";
}
