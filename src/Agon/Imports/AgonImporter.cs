using System.Text;
using System.Text.Json;

namespace Agon.Imports;

/// <summary>
/// Reads one of agon's measurement files, telling the three formats apart by their shape: a JSON array of
/// per-model statistics, a JSON object keyed by model with iterations, or lines of accuracy results.
/// </summary>
internal static class AgonImporter
{
    public const string UnknownHost = "unknown";

    /// <summary>Reads <paramref name="path"/>; <paramref name="host"/> names the host for formats that do not (default <see cref="UnknownHost"/>).</summary>
    public static ImportedFile Read(string path, string? host)
    {
        var text = ReadText(path);
        var fileTime = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        var hostName = host ?? UnknownHost;
        if (text.Trim().Length == 0)
        {
            throw ImportValues.Unreadable(path, "the file is empty");
        }

        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            // Not one JSON document: lines of accuracy results, or not agon's at all.
        }

        if (document is null)
        {
            var lines = text.Split('\n');
            var first = lines.First(l => l.Trim().Length > 0).Trim();
            if (!IsAccuracyLine(first))
            {
                throw NotAgons(path);
            }

            return AccuracyJsonlReader.Read(path, lines, hostName, fileTime);
        }

        using (document)
        {
            var root = document.RootElement;
            if (MetricsFileReader.Matches(root))
            {
                return MetricsFileReader.Read(path, root, hostName, fileTime);
            }

            if (BenchmarkJsonReader.Matches(root))
            {
                return BenchmarkJsonReader.Read(path, root, hostName, fileTime);
            }

            if (AccuracyJsonlReader.Matches(root))
            {
                return AccuracyJsonlReader.Read(path, [text], hostName, fileTime);
            }
        }

        throw NotAgons(path);
    }

    private static bool IsAccuracyLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return AccuracyJsonlReader.Matches(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static AgonException NotAgons(string path) => new(
        $"cannot import {path}: it is not agon's metrics file (model_performance_metrics.json), a benchmark JSON or an accuracy JSONL");

    private static string ReadText(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw ImportValues.Unreadable(path, "it is a folder, not a file");
            }

            return File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (FileNotFoundException)
        {
            throw ImportValues.Unreadable(path, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw ImportValues.Unreadable(path, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw ImportValues.Unreadable(path, "permission denied");
        }
        catch (DecoderFallbackException)
        {
            throw ImportValues.Unreadable(path, "it is not UTF-8 text");
        }
        catch (IOException ex)
        {
            throw ImportValues.Unreadable(path, ex.Message);
        }
    }
}
