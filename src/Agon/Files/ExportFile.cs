using System.Text;

namespace Agon.Files;

/// <summary>
/// Writes a whole file the user named (<c>--export</c>, <c>--exportMarkdown</c>). A regular file is replaced
/// through a temporary file in its folder and a rename, so an interrupted run never leaves half a file; a symbolic
/// link is followed and the file it points to is written, the link stays. A folder, a device, a pipe or a path in
/// a missing folder is refused with <c>cannot write the export X: reason</c> (exit 1): nothing is ever replaced by
/// a regular file, and no folder is created.
/// </summary>
internal static class ExportFile
{
    /// <summary>Throws the error <see cref="Write"/> would, without writing: lets a long run fail before it starts.</summary>
    public static void Check(string path, string shown) => Resolve(path, shown);

    public static void Write(string path, string shown, string content)
    {
        var target = Resolve(path, shown);
        var folder = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw Failed(shown, FileErrors.Reason(ex, target));
        }
    }

    /// <summary>The regular file (existing or not) that writing <paramref name="path"/> replaces.</summary>
    private static string Resolve(string path, string shown)
    {
        var target = Path.GetFullPath(path);
        if (FileKinds.Of(target) == FileKind.SymbolicLink)
        {
            try
            {
                target = File.ResolveLinkTarget(target, returnFinalTarget: true)?.FullName ?? target;
            }
            catch (IOException)
            {
                throw Failed(shown, "the symbolic link cannot be followed (a loop?)");
            }
        }

        var kind = FileKinds.Of(target);
        if (kind is not (FileKind.Regular or FileKind.Missing))
        {
            throw Failed(shown, kind == FileKind.Directory ? "it is a folder" : $"it is {FileKinds.Describe(kind)}, not a regular file");
        }

        if (FileErrors.PathProblem(target) is { } problem)
        {
            throw Failed(shown, problem);
        }

        return target;
    }

    private static AgonException Failed(string shown, string reason) => new($"cannot write the export {shown}: {reason}");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the temporary file is hidden and named as such.
        }
    }
}
