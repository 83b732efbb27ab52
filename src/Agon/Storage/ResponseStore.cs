using System.Globalization;
using System.Text;
using Agon.Metrics;
using Microsoft.Data.Sqlite;

namespace Agon.Storage;

/// <summary>
/// Every response Agon measured, one row each, in the shared database. Each append commits on its own, so
/// what finished is on disk even if the process dies a moment later; a second process appending at the same
/// time waits for the lock (busy timeout) and both rows are kept.
/// </summary>
internal sealed class ResponseStore(AgonDatabase database)
{
    private const string SaveBenchmarkSql = """
        INSERT INTO benchmark_runs (run_id, started_ms, finished_ms, host, model, backend, server_build, quantization, size_bytes,
            context_length, models_max, agon_version, pp, tg, runs, concurrency, unstable, cancelled)
        VALUES ($run, $started, $finished, $host, $model, $backend, $build, $quant, $size, $ctx, $max, $version, $pp, $tg, $runs, $conc, $unstable, $cancelled)
        ON CONFLICT (run_id) DO UPDATE SET finished_ms = excluded.finished_ms, unstable = excluded.unstable, cancelled = excluded.cancelled,
            server_build = excluded.server_build, quantization = excluded.quantization, size_bytes = excluded.size_bytes,
            context_length = excluded.context_length;
        """;

    /// <summary>Metric columns, in <see cref="ResponseMetrics.All"/> order.</summary>
    private static readonly string[] s_metricColumns =
        ["ttft_ms", "load_ms", "prompt_tokens", "cached_tokens", "prompt_ms", "prompt_tps", "completion_tokens", "generation_ms", "generation_tps", "total_ms"];

    private static readonly string s_insertSql = BuildInsert() + " RETURNING id;";

    /// <summary>An imported row whose key is already stored is left out (imports are idempotent).</summary>
    private static readonly string s_importSql = BuildInsert() + " ON CONFLICT DO NOTHING;";

    private static readonly string s_selectColumns =
        "id, ts_ms, kind, host, backend, server_build, model, quantization, params_hash, error, run_id, phase, correct, origin, "
        + string.Join(", ", s_metricColumns.SelectMany(c => new[] { c, c + "_src" })) + ", summarised, json_valid, tool_call_ok";

    public string Path => database.Path;

    /// <summary>Stores one response (its own transaction) and returns its id.</summary>
    public long Append(ResponseRecord record)
    {
        try
        {
            using var command = database.Command(s_insertSql);
            Bind(command, record);
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException ex)
        {
            throw AgonDatabase.Failure(database.Path, ex.Message, ex);
        }
    }

    /// <summary>Stores many responses in one transaction (imports): all of them or, on failure, none.</summary>
    public int AppendMany(IEnumerable<ResponseRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            using var transaction = database.BeginWrite();
            using var command = database.Command(s_insertSql);
            command.Transaction = transaction;
            var count = 0;
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                command.Parameters.Clear();
                Bind(command, record);
                command.ExecuteScalar();
                count++;
            }

            transaction.Commit();
            return count;
        }
        catch (SqliteException ex)
        {
            throw AgonDatabase.Failure(database.Path, ex.Message, ex);
        }
    }

    /// <summary>Records a benchmark's environment (before its first response) or its final state (after the last).</summary>
    public void SaveBenchmark(BenchmarkRunRecord run)
    {
        try
        {
            using var command = database.Command(SaveBenchmarkSql);
            Bind(command, run);
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw AgonDatabase.Failure(database.Path, ex.Message, ex);
        }
    }

    /// <summary>
    /// Stores imported responses and benchmark runs in one transaction (all or, on failure, none). Rows whose
    /// <see cref="ResponseRecord.ImportKey"/> is already stored are skipped; returns how many were added.
    /// </summary>
    public int Import(IEnumerable<ResponseRecord> records, IEnumerable<BenchmarkRunRecord> runs, CancellationToken cancellationToken)
    {
        try
        {
            using var transaction = database.BeginWrite();
            using (var command = database.Command(SaveBenchmarkSql))
            {
                command.Transaction = transaction;
                foreach (var run in runs)
                {
                    command.Parameters.Clear();
                    Bind(command, run);
                    command.ExecuteNonQuery();
                }
            }

            var added = 0;
            using (var command = database.Command(s_importSql))
            {
                command.Transaction = transaction;
                foreach (var record in records)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    command.Parameters.Clear();
                    Bind(command, record);
                    added += command.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return added;
        }
        catch (SqliteException ex)
        {
            throw AgonDatabase.Failure(database.Path, ex.Message, ex);
        }
    }

    /// <summary>The stored responses that match, oldest first.</summary>
    public IEnumerable<ResponseRecord> Read(ResponseFilter filter, CancellationToken cancellationToken)
    {
        using var command = database.Command("");
        var where = Where(command, filter, "ts_ms");
        command.CommandText = $"SELECT {s_selectColumns} FROM responses{where} ORDER BY ts_ms, id;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadRecord(reader);
        }
    }

    /// <summary>The fields the report needs of the matching responses, oldest first (no metric sources, no allocation per metric).</summary>
    public IEnumerable<AnalysisRow> ReadForAnalysis(ResponseFilter filter, CancellationToken cancellationToken)
    {
        using var command = database.Command("");
        var where = Where(command, filter, "ts_ms");
        command.CommandText = "SELECT ts_ms, kind, host, backend, model, quantization, run_id, phase, correct, error IS NOT NULL, "
            + $"generation_tps, prompt_tps, ttft_ms, load_ms, json_valid, tool_call_ok FROM responses{where} ORDER BY ts_ms, id;";
        using var reader = command.ExecuteReader();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(int ordinal)
        {
            var text = reader.GetString(ordinal);
            if (!names.TryGetValue(text, out var known))
            {
                names[text] = known = text;
            }

            return known;
        }

        double? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
        bool? Flag(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal) != 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AnalysisRow(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                Intern(1),
                Intern(2),
                Intern(3),
                Intern(4),
                reader.IsDBNull(5) ? null : Intern(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : Intern(7),
                Flag(8),
                Flag(14),
                Flag(15),
                reader.GetInt64(9) != 0,
                Number(10),
                Number(11),
                Number(12),
                Number(13));
        }
    }

    /// <summary>The stored benchmark runs that match, oldest first.</summary>
    public List<BenchmarkRunRecord> ReadBenchmarks(ResponseFilter filter)
    {
        using var command = database.Command("");
        var where = Where(command, filter with { Kind = null }, "started_ms");
        command.CommandText = "SELECT run_id, started_ms, finished_ms, host, model, backend, server_build, quantization, size_bytes, context_length, "
            + $"models_max, agon_version, pp, tg, runs, concurrency, unstable, cancelled FROM benchmark_runs{where} ORDER BY started_ms, run_id;";
        using var reader = command.ExecuteReader();
        var runs = new List<BenchmarkRunRecord>();
        while (reader.Read())
        {
            runs.Add(new BenchmarkRunRecord
            {
                RunId = reader.GetString(0),
                Started = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                Finished = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                Subject = new BenchmarkSubject
                {
                    Host = reader.GetString(3),
                    Model = reader.GetString(4),
                    Backend = reader.GetString(5),
                    ServerBuild = NullableString(reader, 6),
                    Quantization = NullableString(reader, 7),
                    SizeBytes = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                    ContextLength = reader.IsDBNull(9) ? null : reader.GetInt32(9),
                    ModelsMax = reader.IsDBNull(10) ? null : reader.GetInt32(10),
                },
                AgonVersion = reader.GetString(11),
                PromptTokens = reader.GetInt32(12),
                GenerateTokens = reader.GetInt32(13),
                Runs = reader.GetInt32(14),
                Concurrency = reader.GetInt32(15),
                Unstable = reader.GetInt32(16) != 0,
                Cancelled = reader.GetInt32(17) != 0,
            });
        }

        return runs;
    }

    public long Count()
    {
        using var command = database.Command("SELECT COUNT(*) FROM responses;");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A short, stable hash of the parameters sent (key=value lines, sorted).</summary>
    public static string HashParameters(IReadOnlyDictionary<string, string> parameters)
    {
        var text = string.Join("\n", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private static string Where(SqliteCommand command, ResponseFilter filter, string timeColumn)
    {
        var clauses = new List<string>();
        if (filter.Since is { } since)
        {
            clauses.Add($"{timeColumn} >= $since");
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }

        AddIn(command, clauses, "host", filter.Hosts);
        AddIn(command, clauses, "model", filter.Models);
        if (filter.Kind is { } kind)
        {
            clauses.Add("kind = $kind");
            command.Parameters.AddWithValue("$kind", kind);
        }

        return clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
    }

    private static void AddIn(SqliteCommand command, List<string> clauses, string column, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var names = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"${column}{i}");
            names.Add(name);
            command.Parameters.AddWithValue(name, values[i]);
        }

        clauses.Add($"{column} COLLATE NOCASE IN ({string.Join(", ", names)})");
    }

    private static string BuildInsert()
    {
        var columns = "ts_ms, kind, host, backend, server_build, model, quantization, params_hash, error, run_id, phase, correct, origin, import_key, summarised, json_valid, tool_call_ok, "
            + string.Join(", ", s_metricColumns.SelectMany(c => new[] { c, c + "_src" }));
        var values = "$ts, $kind, $host, $backend, $build, $model, $quant, $hash, $error, $run, $phase, $correct, $origin, $import, $summarised, $json, $tool, "
            + string.Join(", ", s_metricColumns.SelectMany(c => new[] { "$" + c, "$" + c + "_src" }));
        return $"INSERT INTO responses ({columns}) VALUES ({values})";
    }

    private static void Bind(SqliteCommand command, ResponseRecord record)
    {
        var p = command.Parameters;
        p.AddWithValue("$ts", record.Time.ToUnixTimeMilliseconds());
        p.AddWithValue("$kind", record.Kind);
        p.AddWithValue("$host", record.Host);
        p.AddWithValue("$backend", record.Backend);
        p.AddWithValue("$build", (object?)record.ServerBuild ?? DBNull.Value);
        p.AddWithValue("$model", record.Model);
        p.AddWithValue("$quant", (object?)record.Quantization ?? DBNull.Value);
        p.AddWithValue("$hash", (object?)record.ParametersHash ?? DBNull.Value);
        p.AddWithValue("$error", (object?)record.Error ?? DBNull.Value);
        p.AddWithValue("$run", (object?)record.RunId ?? DBNull.Value);
        p.AddWithValue("$phase", (object?)record.Phase ?? DBNull.Value);
        p.AddWithValue("$correct", Flag(record.Correct));
        p.AddWithValue("$json", Flag(record.JsonValid));
        p.AddWithValue("$tool", Flag(record.ToolCallOk));
        p.AddWithValue("$origin", (object?)record.Origin ?? DBNull.Value);
        p.AddWithValue("$import", (object?)record.ImportKey ?? DBNull.Value);
        p.AddWithValue("$summarised", (object?)record.Summarised ?? DBNull.Value);
        var i = 0;
        foreach (var (_, metric) in record.Metrics.All())
        {
            var column = s_metricColumns[i++];
            p.AddWithValue("$" + column, metric is { } m ? m.Value : DBNull.Value);
            p.AddWithValue("$" + column + "_src", metric is { } s ? SourceName(s.Source) : DBNull.Value);
        }
    }

    private static void Bind(SqliteCommand command, BenchmarkRunRecord run)
    {
        var p = command.Parameters;
        p.AddWithValue("$run", run.RunId);
        p.AddWithValue("$started", run.Started.ToUnixTimeMilliseconds());
        p.AddWithValue("$finished", (object?)run.Finished?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$host", run.Subject.Host);
        p.AddWithValue("$model", run.Subject.Model);
        p.AddWithValue("$backend", run.Subject.Backend);
        p.AddWithValue("$build", (object?)run.Subject.ServerBuild ?? DBNull.Value);
        p.AddWithValue("$quant", (object?)run.Subject.Quantization ?? DBNull.Value);
        p.AddWithValue("$size", (object?)run.Subject.SizeBytes ?? DBNull.Value);
        p.AddWithValue("$ctx", (object?)run.Subject.ContextLength ?? DBNull.Value);
        p.AddWithValue("$max", (object?)run.Subject.ModelsMax ?? DBNull.Value);
        p.AddWithValue("$version", run.AgonVersion);
        p.AddWithValue("$pp", run.PromptTokens);
        p.AddWithValue("$tg", run.GenerateTokens);
        p.AddWithValue("$runs", run.Runs);
        p.AddWithValue("$conc", run.Concurrency);
        p.AddWithValue("$unstable", run.Unstable ? 1 : 0);
        p.AddWithValue("$cancelled", run.Cancelled ? 1 : 0);
    }

    private static ResponseRecord ReadRecord(SqliteDataReader reader)
    {
        var metrics = new Metric?[s_metricColumns.Length];
        for (var i = 0; i < metrics.Length; i++)
        {
            var ordinal = 14 + (2 * i);
            metrics[i] = reader.IsDBNull(ordinal) ? null : new Metric(reader.GetDouble(ordinal), ParseSource(NullableString(reader, ordinal + 1)));
        }

        return new ResponseRecord
        {
            Id = reader.GetInt64(0),
            Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            Kind = reader.GetString(2),
            Host = reader.GetString(3),
            Backend = reader.GetString(4),
            ServerBuild = NullableString(reader, 5),
            Model = reader.GetString(6),
            Quantization = NullableString(reader, 7),
            ParametersHash = NullableString(reader, 8),
            Error = NullableString(reader, 9),
            RunId = NullableString(reader, 10),
            Phase = NullableString(reader, 11),
            Correct = reader.IsDBNull(12) ? null : reader.GetInt64(12) != 0,
            Origin = NullableString(reader, 13),
            Summarised = reader.IsDBNull(14 + (2 * s_metricColumns.Length)) ? null : reader.GetInt64(14 + (2 * s_metricColumns.Length)),
            JsonValid = reader.IsDBNull(15 + (2 * s_metricColumns.Length)) ? null : reader.GetInt64(15 + (2 * s_metricColumns.Length)) != 0,
            ToolCallOk = reader.IsDBNull(16 + (2 * s_metricColumns.Length)) ? null : reader.GetInt64(16 + (2 * s_metricColumns.Length)) != 0,
            Metrics = new ResponseMetrics
            {
                TtftMs = metrics[0],
                LoadMs = metrics[1],
                PromptTokens = metrics[2],
                CachedTokens = metrics[3],
                PromptMs = metrics[4],
                PromptTokensPerSecond = metrics[5],
                CompletionTokens = metrics[6],
                GenerationMs = metrics[7],
                GenerationTokensPerSecond = metrics[8],
                TotalMs = metrics[9],
            },
        };
    }

    private static object Flag(bool? value) => value is { } v ? (v ? 1 : 0) : DBNull.Value;

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string SourceName(MetricSource source) => source == MetricSource.Server ? "server" : "client";

    private static MetricSource ParseSource(string? text) => text == "server" ? MetricSource.Server : MetricSource.Client;
}
