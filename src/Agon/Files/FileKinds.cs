using System.Runtime.InteropServices;
using System.Text;

namespace Agon.Files;

/// <summary>
/// Tells regular files from folders, links and device nodes, which .NET's file APIs do not. On Linux it asks the
/// kernel (<c>statx</c>, whose layout is the same on every architecture); elsewhere, or if that call is not
/// available, it falls back to what .NET reports, taking an existing file under <c>/dev</c> for a device.
/// </summary>
internal static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private static bool s_statxUnavailable;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux() && !s_statxUnavailable && FromStatx(path) is { } kind)
        {
            return kind;
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!info.Exists)
        {
            return FileKind.Missing;
        }

        return info.FullName.StartsWith("/dev/", StringComparison.Ordinal) ? FileKind.CharacterDevice : FileKind.Regular;
    }

    /// <summary>A short English name for error messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a device",
        FileKind.BlockDevice => "a block device",
        FileKind.Pipe => "a named pipe",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => "a regular file",
    };

    private static FileKind? FromStatx(string path)
    {
        var name = Encoding.UTF8.GetBytes(path + "\0");
        var buffer = new byte[256];
        int result;
        try
        {
            result = NativeMethods.Statx(AtFdCwd, ref name[0], AtSymlinkNoFollow, StatxType, ref buffer[0]);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_statxUnavailable = true;
            return null;
        }

        if (result != 0)
        {
            // ENOENT, ENOTDIR: nothing there. Anything else: let .NET say.
            return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKind.Missing : null;
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Pipe,
            0xC000 => FileKind.Socket,
            _ => null,
        };
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int dirFd, ref byte path, int flags, uint mask, ref byte buffer);
    }
}
