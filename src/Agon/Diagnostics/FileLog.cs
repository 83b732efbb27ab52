using System.Globalization;
using System.Text;

namespace Agon.Diagnostics;

/// <summary>
/// Appends timestamped, redacted lines to the log file. The file (and its folder) is created on the
/// first line only, so commands that log nothing touch nothing. A file past <see cref="MaxBytes"/> is moved to
/// <c>.1</c> (one generation kept) before the run appends. A log that cannot be written never fails the command:
/// the first failure is remembered and later lines are dropped.
/// </summary>
internal sealed class FileLog(string path, bool includeBodies, TimeProvider timeProvider) : IAgonLog, IDisposable
{
    /// <summary>Size at which the log is rotated.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private bool _broken;

    public string Path { get; } = path;

    public bool IncludeBodies { get; } = includeBodies;

    public void Write(string line)
    {
        var stamped = timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + " " + SecretRedactor.Redact(line);
        lock (_gate)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                if (_writer is null)
                {
                    var folder = System.IO.Path.GetDirectoryName(Path);
                    if (!string.IsNullOrEmpty(folder))
                    {
                        Directory.CreateDirectory(folder);
                    }

                    if (new FileInfo(Path) is { Exists: true, Length: > MaxBytes })
                    {
                        File.Move(Path, Path + ".1", overwrite: true);
                    }

                    var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                    _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
                }

                _writer.WriteLine(stamped);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _broken = true;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
