using System.Globalization;
using System.Text;
using Agon.Files;

namespace Agon.Diagnostics;

/// <summary>
/// Appends timestamped, redacted lines to the log file. The file is created on the first line only, so commands
/// that log nothing touch nothing; the folder is created too for the default location only (a log path the user
/// names must be in an existing folder, so a typo never creates folders). A file past <see cref="MaxBytes"/> is
/// moved to <c>.1</c> (one generation kept) before the run appends. Each line goes to the file at once (no
/// buffer), so a full disk is met on that line, not at exit. A log that cannot be written never fails the
/// command: the first failure becomes <see cref="Problem"/> and later lines are dropped.
/// </summary>
internal sealed class FileLog(string path, bool includeBodies, TimeProvider timeProvider, bool createFolder = false) : IAgonLog, IDisposable
{
    /// <summary>Size at which the log is rotated.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private string? _problem;

    public string Path { get; } = path;

    public bool IncludeBodies { get; } = includeBodies;

    /// <summary>Why the log stopped being written (one line for the user), or null while it works.</summary>
    public string? Problem
    {
        get
        {
            lock (_gate)
            {
                return _problem;
            }
        }
    }

    public void Write(string line)
    {
        var stamped = timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + " " + SecretRedactor.Redact(line);
        lock (_gate)
        {
            if (_problem is not null)
            {
                return;
            }

            try
            {
                _writer ??= Open();
                _writer.WriteLine(stamped);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                Fail(ex);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                _writer?.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _problem ??= Describe(FileErrors.Reason(ex, Path));
            }

            _writer = null;
        }
    }

    private StreamWriter Open()
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (createFolder && !string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        if (FileErrors.PathProblem(Path) is { } problem)
        {
            throw new LogPathException(problem);
        }

        if (new FileInfo(Path) is { Exists: true, Length: > MaxBytes })
        {
            File.Move(Path, Path + ".1", overwrite: true);
        }

        // bufferSize 0: every line is one write to the file, so nothing is pending when the process ends.
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        return new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    private void Fail(Exception ex)
    {
        _problem = Describe(ex is LogPathException ? ex.Message : FileErrors.Reason(ex, Path));
        try
        {
            _writer?.Dispose();
        }
        catch (Exception closing) when (closing is IOException or UnauthorizedAccessException)
        {
            // The writer is abandoned either way.
        }

        _writer = null;
    }

    private string Describe(string reason) => $"cannot write the log file {Path}: {reason}; logging is off for this run";

    private sealed class LogPathException(string message) : IOException(message);
}
