using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Agon.Rag;

/// <summary>
/// The SQLite index (its own file at <c>ragIndexPath</c>, WAL, a busy timeout as the main database has):
/// <c>meta</c> (embedding model, host, dimension, chunking), <c>documents</c> (relative path, sha256) and
/// <c>chunks</c> (document, ordinal, word offset, words, text, float32 vector blob).
/// </summary>
internal sealed class SqliteRagIndex : RagIndex
{
    public const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents(
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            chunks INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS chunks(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            word_offset INTEGER NOT NULL,
            words INTEGER NOT NULL,
            text TEXT NOT NULL,
            vector BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_id);
        """;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, RagDocument> _documents;
    private SqliteTransaction? _transaction;
    private RagIndexMeta? _meta;

    private SqliteRagIndex(string path, SqliteConnection connection)
        : base(path)
    {
        _connection = connection;
        _meta = ReadMeta();
        _documents = [];
        using var command = Command("SELECT path, sha256 FROM documents;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = new RagDocument(reader.GetString(0), reader.GetString(1));
            _documents[document.Path] = document;
        }
    }

    public override RagIndexMeta? Meta => _meta;

    public override IReadOnlyDictionary<string, RagDocument> Documents => _documents;

    public override int ChunkCount
    {
        get
        {
            using var command = Command("SELECT count(*) FROM chunks;");
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public static SqliteRagIndex OpenFile(string path, bool create)
    {
        try
        {
            if (create && System.IO.Path.GetDirectoryName(path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(path, ex.Message);
        }

        var connection = Storage.SqliteConnections.Create(path, create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite, (reason, _) => Failure(path, reason));
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {Storage.AgonDatabase.BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            using (var version = connection.CreateCommand())
            {
                version.CommandText = "PRAGMA user_version;";
                var found = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (found > SchemaVersion)
                {
                    throw Failure(path, $"it was written by a newer Agon (index schema {found}; this one knows up to {SchemaVersion})");
                }
            }

            Execute(connection, Schema + $"\nPRAGMA user_version = {SchemaVersion};");
            return new SqliteRagIndex(path, connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Failure(path, Plain(ex.Message));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override void Reset(RagIndexMeta meta)
    {
        Begin();
        using (var command = Command("DELETE FROM chunks; DELETE FROM documents; DELETE FROM meta;"))
        {
            command.ExecuteNonQuery();
        }

        _documents.Clear();
        SetMeta(meta);
    }

    public override void SetMeta(RagIndexMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        Begin();
        foreach (var (key, value) in new (string, string?)[]
        {
            ("model", meta.Model), ("host", meta.Host), ("dimensions", Text(meta.Dimensions)),
            ("chunk_size", Text(meta.ChunkSize)), ("chunk_overlap", Text(meta.ChunkOverlap)),
        })
        {
            using var command = Command(value is null ? "DELETE FROM meta WHERE key = $key;" : "INSERT INTO meta(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;");
            command.Parameters.AddWithValue("$key", key);
            if (value is not null)
            {
                command.Parameters.AddWithValue("$value", value);
            }

            command.ExecuteNonQuery();
        }

        _meta = meta;
    }

    public override void Put(RagDocument document, IReadOnlyList<RagStoredChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        Begin();
        Remove(document.Path);
        long id;
        using (var insert = Command("INSERT INTO documents(path, sha256, chunks) VALUES($path, $sha, $chunks) RETURNING id;"))
        {
            insert.Parameters.AddWithValue("$path", document.Path);
            insert.Parameters.AddWithValue("$sha", document.Sha256 ?? "");
            insert.Parameters.AddWithValue("$chunks", chunks.Count);
            id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using var command = Command("INSERT INTO chunks(document_id, ordinal, word_offset, words, text, vector) VALUES($doc, $ordinal, $offset, $words, $text, $vector);");
        var doc = command.Parameters.Add("$doc", SqliteType.Integer);
        var ordinal = command.Parameters.Add("$ordinal", SqliteType.Integer);
        var offset = command.Parameters.Add("$offset", SqliteType.Integer);
        var words = command.Parameters.Add("$words", SqliteType.Integer);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        command.Prepare();
        foreach (var chunk in chunks)
        {
            doc.Value = id;
            ordinal.Value = chunk.Chunk.Ordinal;
            offset.Value = chunk.Chunk.WordOffset;
            words.Value = chunk.Chunk.Words;
            text.Value = chunk.Chunk.Text;
            vector.Value = RagVectors.ToBlob(chunk.Vector);
            command.ExecuteNonQuery();
        }

        _documents[document.Path] = document;
    }

    public override void Remove(string path)
    {
        Begin();
        using var command = Command("DELETE FROM documents WHERE path = $path;");
        command.Parameters.AddWithValue("$path", path);
        command.ExecuteNonQuery();
        _documents.Remove(path);
    }

    public override void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public override IEnumerable<RagStoredChunk> ReadChunks(CancellationToken cancellationToken)
    {
        using var command = Command("SELECT d.path, c.ordinal, c.word_offset, c.words, c.text, c.vector FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY c.id;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new RagChunk(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4));
            yield return new RagStoredChunk(reader.GetString(0), chunk, RagVectors.FromBlob((byte[])reader.GetValue(5)));
        }
    }

    public override void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    private static AgonException Failure(string path, string message) => new($"the RAG index {path}: {message}");

    private static string Plain(string message)
    {
        var quote = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return quote >= 0 && end > quote ? message[(quote + 1)..end] : message.TrimEnd('.');
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private RagIndexMeta? ReadMeta()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = Command("SELECT key, value FROM meta;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }
        }

        if (!values.TryGetValue("dimensions", out var dimensions))
        {
            return null;
        }

        int Number(string key) => values.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new RagIndexMeta(values.GetValueOrDefault("model"), values.GetValueOrDefault("host"), int.Parse(dimensions, CultureInfo.InvariantCulture), Number("chunk_size"), Number("chunk_overlap"));
    }

    private void Begin() => _transaction ??= _connection.BeginTransaction(deferred: false);

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }
}
