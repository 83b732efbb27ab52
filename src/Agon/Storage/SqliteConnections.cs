using Microsoft.Data.Sqlite;

namespace Agon.Storage;

/// <summary>
/// A connection to one of Agon's SQLite files (the database, a RAG index): no pooling, the busy timeout, and a
/// plain reason when SQLite's native library is not there. Its first use loads that library, so a broken install
/// (the file missing beside the executable) fails here rather than as a type initializer's error.
/// </summary>
internal static class SqliteConnections
{
    /// <summary>The file name of SQLite's native library on this system, as the publish puts it beside the executable.</summary>
    public static string NativeLibraryFile =>
        OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";

    /// <summary>What the user reads when the library does not load (no apostrophes: file errors quote-trim messages).</summary>
    public static string MissingLibraryReason =>
        $"the SQLite native library ({NativeLibraryFile}) is missing or does not load; it ships beside the agon executable, so reinstall Agon";

    /// <summary>A closed connection to <paramref name="path"/>; <paramref name="failure"/> makes the error for a missing native library.</summary>
    public static SqliteConnection Create(string path, SqliteOpenMode mode, Func<string, Exception, AgonException> failure)
    {
        try
        {
            return new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = mode,
                Pooling = false,
                DefaultTimeout = AgonDatabase.BusyTimeoutMs / 1000,
            }.ToString());
        }
        catch (TypeInitializationException ex) when (IsMissingNativeLibrary(ex))
        {
            throw failure(MissingLibraryReason, ex);
        }
    }

    private static bool IsMissingNativeLibrary(Exception ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return true;
            }
        }

        return false;
    }
}
