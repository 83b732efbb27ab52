using Microsoft.Data.Sqlite;

namespace Agon.Storage;

/// <summary>
/// Agon's one SQLite database (metrics now, conversations later): WAL so readers never block the writer, a busy
/// timeout so a second process waits its turn instead of failing, and the numbered <see cref="Migrations"/>
/// applied on open. Each write is its own transaction, so a crash loses at most the one in flight.
/// </summary>
internal sealed class AgonDatabase : IDisposable
{
    public const int BusyTimeoutMs = 10_000;

    private AgonDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    public string Path { get; }

    public SqliteConnection Connection { get; }

    /// <summary>Opens (creating when missing) the database and brings its schema up to <paramref name="upTo"/> (default: the latest).</summary>
    public static AgonDatabase Open(string path, int? upTo = null)
    {
        try
        {
            if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(path, ex.Message, ex);
        }

        var connection = SqliteConnections.Create(path, SqliteOpenMode.ReadWriteCreate, (reason, ex) => Failure(path, reason, ex));
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};");
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            Migrate(connection, path, upTo ?? Migrations.Latest);
            return new AgonDatabase(path, connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Failure(path, ex.Message, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version the file is at (<c>PRAGMA user_version</c>).</summary>
    public int Version => SchemaVersion(Connection);

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>A write transaction that takes the lock at once (BEGIN IMMEDIATE), so it never fails half way on a busy file.</summary>
    public SqliteTransaction BeginWrite() => Connection.BeginTransaction(deferred: false);

    public void Dispose() => Connection.Dispose();

    public static AgonException Failure(string path, string message, Exception? inner = null) =>
        new($"the database {path}: {Plain(message)}", ExitCodes.Failed, inner);

    private static void Migrate(SqliteConnection connection, string path, int target)
    {
        if (SchemaVersion(connection) >= target)
        {
            RefuseNewer(connection, path);
            return;
        }

        // Two processes opening a fresh file at once: the second waits for the lock, then finds the work done.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = SchemaVersion(connection);
        foreach (var migration in Migrations.All.Where(m => m.Version > current && m.Version <= target))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void RefuseNewer(SqliteConnection connection, string path)
    {
        var version = SchemaVersion(connection);
        if (version > Migrations.Latest)
        {
            throw Failure(path, $"it was written by a newer Agon (schema version {version}; this one knows up to {Migrations.Latest}); upgrade Agon or point AGON_DB at another file");
        }
    }

    private static int SchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>SQLite's messages read "SQLite Error 26: 'file is not a database'." — keep the words.</summary>
    private static string Plain(string message)
    {
        var quote = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return quote >= 0 && end > quote ? message[(quote + 1)..end] : message.TrimEnd('.');
    }
}
