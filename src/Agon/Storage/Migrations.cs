namespace Agon.Storage;

/// <summary>
/// Every schema step of Agon's one database, oldest first. Features that keep data (metrics, conversations)
/// append their step here; a step is never edited once released. The version is <c>PRAGMA user_version</c>.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "responses", """
            CREATE TABLE responses (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ts_ms INTEGER NOT NULL,
                kind TEXT NOT NULL,
                host TEXT NOT NULL,
                backend TEXT NOT NULL DEFAULT '',
                server_build TEXT,
                model TEXT NOT NULL,
                quantization TEXT,
                ttft_ms REAL, ttft_ms_src TEXT,
                load_ms REAL, load_ms_src TEXT,
                prompt_tokens REAL, prompt_tokens_src TEXT,
                cached_tokens REAL, cached_tokens_src TEXT,
                prompt_ms REAL, prompt_ms_src TEXT,
                prompt_tps REAL, prompt_tps_src TEXT,
                completion_tokens REAL, completion_tokens_src TEXT,
                generation_ms REAL, generation_ms_src TEXT,
                generation_tps REAL, generation_tps_src TEXT,
                total_ms REAL, total_ms_src TEXT,
                params_hash TEXT,
                error TEXT
            );
            CREATE INDEX responses_target_time ON responses (host, model, ts_ms);
            CREATE INDEX responses_time ON responses (ts_ms);
            """),
        new(2, "benchmark runs", """
            ALTER TABLE responses ADD COLUMN run_id TEXT;
            ALTER TABLE responses ADD COLUMN phase TEXT;
            ALTER TABLE responses ADD COLUMN correct INTEGER;
            ALTER TABLE responses ADD COLUMN origin TEXT;
            CREATE INDEX responses_run ON responses (run_id);
            CREATE TABLE benchmark_runs (
                run_id TEXT PRIMARY KEY,
                started_ms INTEGER NOT NULL,
                finished_ms INTEGER,
                host TEXT NOT NULL,
                model TEXT NOT NULL,
                backend TEXT NOT NULL DEFAULT '',
                server_build TEXT,
                quantization TEXT,
                size_bytes INTEGER,
                context_length INTEGER,
                models_max INTEGER,
                agon_version TEXT NOT NULL,
                pp INTEGER NOT NULL,
                tg INTEGER NOT NULL,
                runs INTEGER NOT NULL,
                concurrency INTEGER NOT NULL DEFAULT 1,
                unstable INTEGER NOT NULL DEFAULT 0,
                cancelled INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX benchmark_runs_target_time ON benchmark_runs (host, model, started_ms);
            """),
        new(3, "imports", """
            ALTER TABLE responses ADD COLUMN import_key TEXT;
            ALTER TABLE responses ADD COLUMN summarised INTEGER;
            CREATE UNIQUE INDEX responses_import_key ON responses (import_key) WHERE import_key IS NOT NULL;
            """),
        new(4, "conversations", """
            CREATE TABLE conversations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                created_ms INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL,
                mode TEXT NOT NULL,
                targets TEXT NOT NULL,
                system TEXT,
                parent_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL
            );
            CREATE INDEX conversations_updated ON conversations (updated_ms);
            CREATE TABLE turns (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                ts_ms INTEGER NOT NULL,
                role TEXT NOT NULL,
                target TEXT,
                stage INTEGER,
                text TEXT NOT NULL,
                reasoning TEXT,
                parameters TEXT,
                json_valid INTEGER,
                json_errors TEXT,
                error TEXT,
                cancelled INTEGER NOT NULL DEFAULT 0,
                finish_reason TEXT,
                metrics TEXT
            );
            CREATE INDEX turns_conversation ON turns (conversation_id, id);
            """),
        new(5, "the system prompt of each answer", """
            ALTER TABLE turns ADD COLUMN system TEXT;
            """),
        new(6, "JSON validity and tool-call success of each response", """
            ALTER TABLE responses ADD COLUMN json_valid INTEGER;
            ALTER TABLE responses ADD COLUMN tool_call_ok INTEGER;
            """),
    ];

    public static int Latest => All[^1].Version;
}
