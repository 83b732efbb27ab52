using Agon.Metrics;
using Agon.Storage;
using Microsoft.Data.Sqlite;

namespace Agon.Tests.Storage;

public sealed class AgonDatabaseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ResponseRecord Sample(int i, string host = "router") => new()
    {
        Time = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000 + i),
        Kind = ResponseKind.Benchmark,
        Host = host,
        Backend = "router",
        ServerBuild = "b10587-3f545bec",
        Model = "stories260K",
        Quantization = "F32",
        Metrics = new ResponseMetrics { TtftMs = Metric.Client(12.5), GenerationTokensPerSecond = Metric.Server(50 + i), CompletionTokens = Metric.Server(128) },
        RunId = "run-1",
        Phase = "run",
    };

    [Fact]
    public void EmptyFile_MigratesToTheLatestVersion_InWalMode()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "data", "agon.db");

        using var db = AgonDatabase.Open(path);

        Assert.Equal(Migrations.Latest, db.Version);
        using var mode = db.Command("PRAGMA journal_mode;");
        Assert.Equal("wal", (string)mode.ExecuteScalar()!);
        using var tables = db.Command("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name);");
        Assert.Equal("benchmark_runs,conversations,responses,turns", (string)tables.ExecuteScalar()!);
    }

    [Fact]
    public void MigrationsAreNumberedOneByOne()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(m => m.Version));
    }

    [Fact]
    public void EachEarlierVersion_MigratesToTheLatest_KeepingItsRows()
    {
        for (var version = 1; version < Migrations.Latest; version++)
        {
            using var env = new FakeEnvironment();
            var path = Path.Combine(env.Root, "agon.db");
            using (var old = AgonDatabase.Open(path, upTo: version))
            {
                Assert.Equal(version, old.Version);
                using var insert = old.Command("INSERT INTO responses (ts_ms, kind, host, model, generation_tps, generation_tps_src) VALUES (1795000000000, 'chat', 'box', 'llama3.2', 42.5, 'server');");
                insert.ExecuteNonQuery();
            }

            using var db = AgonDatabase.Open(path);

            Assert.Equal(Migrations.Latest, db.Version);
            var row = Assert.Single(new ResponseStore(db).Read(new ResponseFilter(), Token));
            Assert.Equal(("box", "llama3.2", 42.5, MetricSource.Server), (row.Host, row.Model, row.Metrics.GenerationTokensPerSecond!.Value.Value, row.Metrics.GenerationTokensPerSecond.Value.Source));
        }
    }

    [Fact]
    public void NewerSchema_IsRefused_WithAPlainMessage()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "agon.db");
        using (var db = AgonDatabase.Open(path))
        using (var bump = db.Command("PRAGMA user_version = 99;"))
        {
            bump.ExecuteNonQuery();
        }

        var ex = Assert.Throws<AgonException>(() => AgonDatabase.Open(path));

        Assert.Equal($"the database {path}: it was written by a newer Agon (schema version 99; this one knows up to {Migrations.Latest}); upgrade Agon or point AGON_DB at another file", ex.Message);
        Assert.Equal(ExitCodes.Failed, ex.ExitCode);
    }

    [Fact]
    public void NotADatabase_IsAOneLineError()
    {
        using var env = new FakeEnvironment();
        var path = env.WriteFile("agon.db", new string('x', 4096));

        var ex = Assert.Throws<AgonException>(() => AgonDatabase.Open(path));

        Assert.Equal($"the database {path}: file is not a database", ex.Message);
    }

    [Fact]
    public void Append_ThenRead_RoundTripsEveryFieldAndSource()
    {
        using var env = new FakeEnvironment();
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var store = new ResponseStore(db);
        var record = Sample(1) with { Error = "boom", Correct = true, Origin = "file.json", ParametersHash = "abc" };

        var id = store.Append(record);

        var read = Assert.Single(store.Read(new ResponseFilter(), Token));
        Assert.Equal(record with { Id = id }, read);
    }

    [Fact]
    public void Read_FiltersByHostModelKindAndTime_CaseInsensitively()
    {
        using var env = new FakeEnvironment();
        using var db = AgonDatabase.Open(Path.Combine(env.Root, "agon.db"));
        var store = new ResponseStore(db);
        store.Append(Sample(1, "router"));
        store.Append(Sample(2, "gpu"));
        store.Append(Sample(3, "gpu") with { Kind = ResponseKind.Chat });

        Assert.Equal([2L, 3L], store.Read(new ResponseFilter { Hosts = ["GPU"] }, Token).Select(r => r.Id!.Value));
        Assert.Equal([3L], store.Read(new ResponseFilter { Kind = ResponseKind.Chat }, Token).Select(r => r.Id!.Value));
        Assert.Equal([2L, 3L], store.Read(new ResponseFilter { Since = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_002) }, Token).Select(r => r.Id!.Value));
        Assert.Empty(store.Read(new ResponseFilter { Models = ["other"] }, Token));
    }

    [Fact]
    public async Task TwoWritersAtOnce_LoseNothing()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "agon.db");

        // Two connections (as two processes would have), each opening the fresh file and writing at the same time.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            using var db = AgonDatabase.Open(path);
            var store = new ResponseStore(db);
            for (var i = 0; i < 300; i++)
            {
                store.Append(Sample(i, host: "writer" + w));
            }
        }, Token));
        await Task.WhenAll(writers);

        using var check = AgonDatabase.Open(path);
        var rows = new ResponseStore(check).Read(new ResponseFilter(), Token).ToList();
        Assert.Equal(600, rows.Count);
        Assert.Equal(300, rows.Count(r => r.Host == "writer0"));
        Assert.Equal(600, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Crash_KeepsEveryFinishedRecord_LosesOnlyTheOneInFlight()
    {
        using var env = new FakeEnvironment();
        var path = Path.Combine(env.Root, "live", "agon.db");
        var copy = Path.Combine(env.Root, "after-crash", "agon.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        using var db = AgonDatabase.Open(path);
        var store = new ResponseStore(db);
        for (var i = 0; i < 50; i++)
        {
            store.Append(Sample(i));
        }

        // A response in flight: its transaction has begun but not committed when the process dies.
        using var inFlight = db.BeginWrite();
        using (var insert = db.Command("INSERT INTO responses (ts_ms, kind, host, model) VALUES (1, 'chat', 'h', 'm');"))
        {
            insert.Transaction = inFlight;
            insert.ExecuteNonQuery();
        }

        // What is on disk at that moment, with no close, no checkpoint: the database and its write-ahead log.
        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(path + suffix))
            {
                using var source = new FileStream(path + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(copy + suffix);
                source.CopyTo(target);
            }
        }

        using var reopened = AgonDatabase.Open(copy);
        var rows = new ResponseStore(reopened).Read(new ResponseFilter(), Token).ToList();
        Assert.Equal(50, rows.Count);
        Assert.All(rows, r => Assert.Equal("router", r.Host));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void DefaultPath_FollowsXdgDataHome_AgonDbAndTheFlagOverride()
    {
        using var env = new FakeEnvironment();

        Assert.Equal(Path.Combine(env.HomeDirectory, ".local", "share", "agon", "agon.db"), DatabasePath.Resolve(env, null));
        env.Set("XDG_DATA_HOME", Path.Combine(env.Root, "xdg"));
        Assert.Equal(Path.Combine(env.Root, "xdg", "agon", "agon.db"), DatabasePath.Resolve(env, null));
        env.Set("AGON_DB", "metrics.db");
        Assert.Equal(Path.Combine(env.CurrentDirectory, "metrics.db"), DatabasePath.Resolve(env, null));
        Assert.Equal(Path.Combine(env.CurrentDirectory, "other.db"), DatabasePath.Resolve(env, "other.db"));
    }
}
