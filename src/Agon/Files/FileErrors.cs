namespace Agon.Files;

/// <summary>
/// Plain-English reasons for file failures. .NET's own messages may be resource keys in a trimmed build and
/// repeat the path; these never do.
/// </summary>
internal static class FileErrors
{
    /// <summary>Why writing <paramref name="path"/> failed, checking the path itself first.</summary>
    public static string Reason(Exception ex, string path)
    {
        if (PathProblem(path) is { } problem)
        {
            return problem;
        }

        return ex switch
        {
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "the path is too long",
            DirectoryNotFoundException or FileNotFoundException => "a folder on the path does not exist",
            IOException io when OperatingSystem.IsLinux() && Errno(io.HResult) is { } text => text,
            _ => Plain(ex.Message),
        };
    }

    /// <summary>Why a file cannot be written at <paramref name="path"/> before trying: a folder there, or no folder for it.</summary>
    public static string? PathProblem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "it is not a valid path";
        }

        if (Directory.Exists(full))
        {
            return "it is a folder";
        }

        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            return File.Exists(folder) ? $"{folder} is a file, not a folder" : $"the folder {folder} does not exist";
        }

        return null;
    }

    /// <summary>Linux error numbers, which .NET keeps as the HResult of an <see cref="IOException"/>.</summary>
    private static string? Errno(int code) => code switch
    {
        1 => "the operation is not permitted",
        2 => "a folder on the path does not exist",
        5 => "an input/output error",
        6 => "there is no such device",
        13 => "permission denied",
        16 => "the file is busy",
        20 => "a part of the path is not a folder",
        21 => "it is a folder",
        26 => "the file is busy",
        27 => "the file is too large",
        28 => "no space left on the device",
        30 => "the file system is read-only",
        36 => "the path is too long",
        40 => "too many symbolic links on the path",
        122 => "the disk quota is exceeded",
        _ => null,
    };

    /// <summary>.NET's message without the path it repeats; never a bare resource key.</summary>
    private static string Plain(string message)
    {
        var text = message;
        var quoted = text.IndexOf(" : '", StringComparison.Ordinal);
        if (quoted > 0)
        {
            text = text[..quoted];
        }

        text = text.Trim().TrimEnd('.');
        if (text.Length == 0 || !text.Contains(' ', StringComparison.Ordinal))
        {
            return "an input/output error";
        }

        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}
