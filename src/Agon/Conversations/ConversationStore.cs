using System.Text.Json;
using Agon.Chat;
using Agon.Metrics;
using Agon.Storage;
using Agon.Terminal;
using Microsoft.Data.Sqlite;

namespace Agon.Conversations;

/// <summary>
/// Every conversation in the shared database. Each turn is its own transaction, written when it ends, so a crash
/// keeps every finished turn; a second process writing at the same time waits for the lock and both are kept.
/// </summary>
internal sealed class ConversationStore(AgonDatabase database, TimeProvider timeProvider)
{
    private const string SummaryColumns =
        "c.id, c.created_ms, c.updated_ms, c.mode, c.targets, c.parent_id, "
        + "(SELECT text FROM turns t WHERE t.conversation_id = c.id AND t.role = 'user' ORDER BY t.id LIMIT 1), "
        + "(SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.role = 'user')";

    public string Path => database.Path;

    /// <summary>Starts a conversation and returns its id.</summary>
    public long Create(ConversationStart start)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return Write(() =>
        {
            using var command = database.Command("""
                INSERT INTO conversations (created_ms, updated_ms, mode, targets, system, parent_id)
                VALUES ($now, $now, $mode, $targets, $system, $parent) RETURNING id;
                """);
            var p = command.Parameters;
            p.AddWithValue("$now", now);
            p.AddWithValue("$mode", start.Mode);
            p.AddWithValue("$targets", string.Join('\n', start.Targets));
            p.AddWithValue("$system", (object?)start.System ?? DBNull.Value);
            p.AddWithValue("$parent", (object?)start.ParentId ?? DBNull.Value);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>Stores one turn (its own transaction) and returns its id.</summary>
    public long Append(long conversationId, ConversationTurn turn)
    {
        var time = turn.Time == default ? timeProvider.GetUtcNow() : turn.Time;
        return Write(() =>
        {
            using var transaction = database.BeginWrite();
            using var insert = database.Command("""
                INSERT INTO turns (conversation_id, ts_ms, role, target, stage, text, reasoning, parameters, json_valid, json_errors,
                    error, cancelled, finish_reason, metrics, system)
                VALUES ($c, $ts, $role, $target, $stage, $text, $reasoning, $params, $valid, $errors, $error, $cancelled, $finish, $metrics, $system)
                RETURNING id;
                """);
            insert.Transaction = transaction;
            var p = insert.Parameters;
            p.AddWithValue("$c", conversationId);
            p.AddWithValue("$ts", time.ToUnixTimeMilliseconds());
            p.AddWithValue("$role", turn.Role == ConversationRole.User ? "user" : "assistant");
            p.AddWithValue("$target", (object?)turn.Target ?? DBNull.Value);
            p.AddWithValue("$stage", (object?)turn.Stage ?? DBNull.Value);
            p.AddWithValue("$text", turn.Text);
            p.AddWithValue("$reasoning", (object?)turn.Reasoning ?? DBNull.Value);
            p.AddWithValue("$system", (object?)turn.System ?? DBNull.Value);
            p.AddWithValue("$params", turn.Parameters.Count == 0 ? DBNull.Value : JsonText.Write(w =>
            {
                w.WriteStartObject();
                foreach (var (key, json) in turn.Parameters)
                {
                    w.WritePropertyName(key);
                    w.WriteRawValue(json);
                }

                w.WriteEndObject();
            }));
            p.AddWithValue("$valid", turn.JsonValid is { } v ? (v ? 1 : 0) : DBNull.Value);
            p.AddWithValue("$errors", turn.JsonErrors.Count == 0 ? DBNull.Value : string.Join('\n', turn.JsonErrors));
            p.AddWithValue("$error", (object?)turn.Error ?? DBNull.Value);
            p.AddWithValue("$cancelled", turn.Cancelled ? 1 : 0);
            p.AddWithValue("$finish", (object?)turn.FinishReason ?? DBNull.Value);
            p.AddWithValue("$metrics", turn.Role == ConversationRole.User ? DBNull.Value : JsonText.Write(w => ChatJson.WriteMetrics(w, turn.Metrics)));
            var id = (long)insert.ExecuteScalar()!;
            using var touch = database.Command("UPDATE conversations SET updated_ms = max(updated_ms, $ts) WHERE id = $c;");
            touch.Transaction = transaction;
            touch.Parameters.AddWithValue("$ts", time.ToUnixTimeMilliseconds());
            touch.Parameters.AddWithValue("$c", conversationId);
            if (touch.ExecuteNonQuery() == 0)
            {
                throw new AgonException($"conversation {conversationId} is not in {database.Path} (deleted meanwhile?)", ExitCodes.Failed);
            }

            transaction.Commit();
            return id;
        });
    }

    /// <summary>The system prompt the conversation goes on with (F3 changed it); <c>--continue</c> starts from it.</summary>
    public void SetSystem(long conversationId, string? system) => Write(() =>
    {
        using var command = database.Command("UPDATE conversations SET system = $system WHERE id = $c;");
        command.Parameters.AddWithValue("$system", (object?)system ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", conversationId);
        return command.ExecuteNonQuery();
    });

    /// <summary>Copies every turn of one conversation into another (a fork starts with its parent's history), in one transaction.</summary>
    public void CopyTurns(long from, long to) => Write(() =>
    {
        using var command = database.Command("""
            INSERT INTO turns (conversation_id, ts_ms, role, target, stage, text, reasoning, parameters, json_valid, json_errors,
                error, cancelled, finish_reason, metrics, system)
            SELECT $to, ts_ms, role, target, stage, text, reasoning, parameters, json_valid, json_errors, error, cancelled, finish_reason, metrics, system
            FROM turns WHERE conversation_id = $from ORDER BY id;
            """);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        return command.ExecuteNonQuery();
    });

    /// <summary>The newest conversations first (by their last turn).</summary>
    public List<ConversationSummary> List(int limit = int.MaxValue)
    {
        using var command = database.Command($"SELECT {SummaryColumns} FROM conversations c ORDER BY c.updated_ms DESC, c.id DESC LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command, ReadSummary);
    }

    /// <summary>The conversation most recently written to, if any.</summary>
    public long? Latest() => List(1).FirstOrDefault()?.Id;

    public Conversation? Load(long id)
    {
        using var head = database.Command($"SELECT {SummaryColumns}, c.system FROM conversations c WHERE c.id = $id;");
        head.Parameters.AddWithValue("$id", id);
        var found = Read(head, r => (Summary: ReadSummary(r), System: r.IsDBNull(8) ? null : r.GetString(8)));
        if (found.Count == 0)
        {
            return null;
        }

        using var turns = database.Command("""
            SELECT id, ts_ms, role, target, stage, text, reasoning, parameters, json_valid, json_errors, error, cancelled, finish_reason, metrics, system
            FROM turns WHERE conversation_id = $id ORDER BY id;
            """);
        turns.Parameters.AddWithValue("$id", id);
        return new Conversation(found[0].Summary, found[0].System, Read(turns, ReadTurn));
    }

    /// <summary>Deletes the conversations (and their turns); returns how many existed.</summary>
    public int Delete(IReadOnlyCollection<long> ids) => Write(() =>
    {
        using var transaction = database.BeginWrite();
        var deleted = 0;
        foreach (var id in ids)
        {
            using var command = database.Command("DELETE FROM conversations WHERE id = $id;");
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$id", id);
            deleted += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return deleted;
    });

    private T Write<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (SqliteException ex)
        {
            throw AgonDatabase.Failure(database.Path, ex.Message, ex);
        }
    }

    private List<T> Read<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        catch (SqliteException ex)
        {
            throw AgonDatabase.Failure(database.Path, ex.Message, ex);
        }
    }

    private static ConversationSummary ReadSummary(SqliteDataReader r) => new(
        r.GetInt64(0),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
        r.GetString(3),
        r.GetString(4).Split('\n', StringSplitOptions.RemoveEmptyEntries),
        r.IsDBNull(6) ? "" : r.GetString(6),
        r.GetInt32(7),
        r.IsDBNull(5) ? null : r.GetInt64(5));

    private static ConversationTurn ReadTurn(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Time = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
        Role = r.GetString(2) == "user" ? ConversationRole.User : ConversationRole.Assistant,
        Target = r.IsDBNull(3) ? null : r.GetString(3),
        Stage = r.IsDBNull(4) ? null : r.GetInt32(4),
        Text = r.GetString(5),
        Reasoning = r.IsDBNull(6) ? null : r.GetString(6),
        Parameters = r.IsDBNull(7) ? new Dictionary<string, string>() : ReadParameters(r.GetString(7)),
        JsonValid = r.IsDBNull(8) ? null : r.GetInt64(8) != 0,
        JsonErrors = r.IsDBNull(9) ? [] : r.GetString(9).Split('\n'),
        Error = r.IsDBNull(10) ? null : r.GetString(10),
        Cancelled = r.GetInt64(11) != 0,
        FinishReason = r.IsDBNull(12) ? null : r.GetString(12),
        Metrics = r.IsDBNull(13) ? new ResponseMetrics() : ReadMetrics(r.GetString(13)),
        System = r.IsDBNull(14) ? null : r.GetString(14),
    };

    private static Dictionary<string, string> ReadParameters(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }

    /// <summary>Reads back what <see cref="ChatJson.WriteMetrics"/> wrote.</summary>
    private static ResponseMetrics ReadMetrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Metric? Get(string name) => root.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.Object
            ? new Metric(m.GetProperty("value").GetDouble(), m.GetProperty("source").GetString() == "server" ? MetricSource.Server : MetricSource.Client)
            : null;
        return new ResponseMetrics
        {
            TtftMs = Get("ttftMs"),
            LoadMs = Get("loadMs"),
            PromptTokens = Get("promptTokens"),
            CachedTokens = Get("cachedTokens"),
            PromptMs = Get("promptMs"),
            PromptTokensPerSecond = Get("promptTokensPerSecond"),
            CompletionTokens = Get("completionTokens"),
            GenerationMs = Get("generationMs"),
            GenerationTokensPerSecond = Get("generationTokensPerSecond"),
            TotalMs = Get("totalMs"),
        };
    }
}
