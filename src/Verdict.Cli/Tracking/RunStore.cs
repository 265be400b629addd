using System.Data;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>Which runs to read: the last <see cref="Last"/> of those every filter accepts (all when null).</summary>
/// <param name="Last">How many of the most recent matching runs; null for all.</param>
/// <param name="Filters">Conditions every run must meet (AND).</param>
internal sealed record RunQuery(int? Last = null, IReadOnlyList<RunFilter>? Filters = null);

/// <summary>
/// The local run history: an SQLite database (by default <c>$VERDICT_HOME/runs.db</c>, else
/// <c>verdict/runs.db</c> in the user's data folder, e.g. <c>~/.local/share/verdict/runs.db</c> on Linux).
/// </summary>
/// <remarks>
/// <para>Concurrent writers (parallel CI jobs on one machine) are safe: the database is in WAL mode, every write is
/// one <c>BEGIN IMMEDIATE</c> transaction (a run and its metrics appear together or not at all), SQLite waits up to
/// <see cref="BusyTimeout"/> for a lock, and a write that still finds the database busy is retried with a growing,
/// jittered pause. Ids come from AUTOINCREMENT and are never reused. WAL needs a local file system (not NFS/SMB).</para>
/// <para>Schema: <c>schema_version(version)</c>; <c>runs</c> (one row per run); <c>metrics(run_id, position, key,
/// value, metric, class)</c> with NULL value for NaN and metric/class set for per-class keys; <c>tags(run_id,
/// position, key, value)</c>. A database of a newer schema than <see cref="SchemaVersion"/> is refused, not altered.</para>
/// </remarks>
internal sealed class RunStore
{
    /// <summary>The schema this code reads and writes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How long one statement waits for another writer's lock.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private const int MaxAttempts = 8;
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string RunColumns = "id, uid, time, command, command_line, input_path, input_size, input_sha256, spec, spec_sha256, threshold, averaging, positive, task, rows, gate, gate_failures, tool_version, git_commit, name, mlflow_run_id";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            time TEXT NOT NULL,
            command TEXT NOT NULL,
            command_line TEXT NOT NULL,
            input_path TEXT,
            input_size INTEGER,
            input_sha256 TEXT,
            spec TEXT,
            spec_sha256 TEXT,
            threshold REAL,
            averaging TEXT,
            positive TEXT,
            task TEXT,
            rows INTEGER,
            gate TEXT CHECK (gate IN ('pass', 'fail')),
            gate_failures TEXT,
            tool_version TEXT NOT NULL,
            git_commit TEXT,
            name TEXT,
            mlflow_run_id TEXT);
        CREATE INDEX IF NOT EXISTS runs_time ON runs (time);
        CREATE TABLE IF NOT EXISTS metrics (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            value REAL,
            metric TEXT,
            class TEXT,
            PRIMARY KEY (run_id, key)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS metrics_key ON metrics (key, value);
        CREATE TABLE IF NOT EXISTS tags (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, key)) WITHOUT ROWID;
        """;

    private bool _initialized;

    /// <summary>A store over the database file at <paramref name="path"/> (created, with its folder, on first write).</summary>
    public RunStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether the database file exists (reads of a missing database find no runs and create nothing).</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>
    /// The default database: <c>$VERDICT_HOME/runs.db</c> when VERDICT_HOME is set, else <c>verdict/runs.db</c> under
    /// the user's local data folder (<see cref="Environment.SpecialFolder.LocalApplicationData"/>: $XDG_DATA_HOME or
    /// ~/.local/share on Linux, %LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS).
    /// </summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? home = environment("VERDICT_HOME");
        if (!string.IsNullOrWhiteSpace(home))
        {
            return System.IO.Path.Combine(home, "runs.db");
        }

        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            string? userHome = environment("HOME") ?? environment("USERPROFILE");
            if (string.IsNullOrEmpty(userHome))
            {
                throw new CliException("cannot place the run history: set VERDICT_HOME to a folder (or pass --no-log)");
            }

            data = System.IO.Path.Combine(userHome, ".local", "share");
        }

        return System.IO.Path.Combine(data, "verdict", "runs.db");
    }

    /// <summary>Stores <paramref name="run"/> with its metrics and tags in one transaction; returns its new id.</summary>
    public long Add(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Write(connection =>
        {
            using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
            long id;
            using (SqliteCommand insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO runs (uid, time, command, command_line, input_path, input_size, input_sha256, spec, spec_sha256, threshold, averaging, positive, task, rows, gate, gate_failures, tool_version, git_commit, name, mlflow_run_id) " +
                                     "VALUES (@uid, @time, @command, @command_line, @input_path, @input_size, @input_sha256, @spec, @spec_sha256, @threshold, @averaging, @positive, @task, @rows, @gate, @gate_failures, @tool_version, @git_commit, @name, @mlflow_run_id) RETURNING id";
                insert.Parameters.AddWithValue("@uid", run.Uid);
                insert.Parameters.AddWithValue("@time", FormatTime(run.Time));
                insert.Parameters.AddWithValue("@command", run.Command);
                insert.Parameters.AddWithValue("@command_line", run.CommandLine);
                insert.Parameters.AddWithValue("@input_path", Db(run.InputPath));
                insert.Parameters.AddWithValue("@input_size", run.InputSize is long size ? size : DBNull.Value);
                insert.Parameters.AddWithValue("@input_sha256", Db(run.InputSha256));
                insert.Parameters.AddWithValue("@spec", Db(run.Spec));
                insert.Parameters.AddWithValue("@spec_sha256", Db(run.SpecSha256));
                insert.Parameters.AddWithValue("@threshold", run.Threshold is double t && !double.IsNaN(t) ? t : DBNull.Value);
                insert.Parameters.AddWithValue("@averaging", Db(run.Averaging));
                insert.Parameters.AddWithValue("@positive", Db(run.Positive));
                insert.Parameters.AddWithValue("@task", Db(run.Task));
                insert.Parameters.AddWithValue("@rows", run.Rows is long rows ? rows : DBNull.Value);
                insert.Parameters.AddWithValue("@gate", run.Gate switch { GateOutcome.Pass => "pass", GateOutcome.Fail => "fail", _ => DBNull.Value });
                insert.Parameters.AddWithValue("@gate_failures", run.GateFailures.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(run.GateFailures));
                insert.Parameters.AddWithValue("@tool_version", run.ToolVersion);
                insert.Parameters.AddWithValue("@git_commit", Db(run.GitCommit));
                insert.Parameters.AddWithValue("@name", Db(run.Name));
                insert.Parameters.AddWithValue("@mlflow_run_id", Db(run.MlflowRunId));
                id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            using (SqliteCommand metric = connection.CreateCommand())
            {
                metric.Transaction = tx;
                metric.CommandText = "INSERT INTO metrics (run_id, position, key, value, metric, class) VALUES (@run, @position, @key, @value, @metric, @class)";
                SqliteParameter position = metric.Parameters.Add("@position", SqliteType.Integer);
                SqliteParameter key = metric.Parameters.Add("@key", SqliteType.Text);
                SqliteParameter value = metric.Parameters.Add("@value", SqliteType.Real);
                SqliteParameter name = metric.Parameters.Add("@metric", SqliteType.Text);
                SqliteParameter cls = metric.Parameters.Add("@class", SqliteType.Text);
                metric.Parameters.AddWithValue("@run", id);
                int i = 0;
                foreach (RunMetric m in run.Metrics)
                {
                    (position.Value, key.Value, value.Value, name.Value, cls.Value) = (i++, m.Key, Db(m.Value), DBNull.Value, DBNull.Value);
                    metric.ExecuteNonQuery();
                }

                foreach (ClassMetric m in run.PerClass)
                {
                    (position.Value, key.Value, value.Value, name.Value, cls.Value) = (i++, m.Key, Db(m.Value), m.Metric, m.Class);
                    metric.ExecuteNonQuery();
                }
            }

            using (SqliteCommand tag = connection.CreateCommand())
            {
                tag.Transaction = tx;
                tag.CommandText = "INSERT OR REPLACE INTO tags (run_id, position, key, value) VALUES (@run, @position, @key, @value)";
                SqliteParameter position = tag.Parameters.Add("@position", SqliteType.Integer);
                SqliteParameter key = tag.Parameters.Add("@key", SqliteType.Text);
                SqliteParameter value = tag.Parameters.Add("@value", SqliteType.Text);
                tag.Parameters.AddWithValue("@run", id);
                int i = 0;
                foreach (KeyValuePair<string, string> t in run.Tags)
                {
                    (position.Value, key.Value, value.Value) = (i++, t.Key, t.Value);
                    tag.ExecuteNonQuery();
                }
            }

            tx.Commit();
            return id;
        });
    }

    /// <summary>Notes the MLflow run id a stored run was also logged as.</summary>
    public void SetMlflowRunId(long id, string mlflowRunId) => Write(connection =>
    {
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE runs SET mlflow_run_id = @m WHERE id = @id";
        update.Parameters.AddWithValue("@m", mlflowRunId);
        update.Parameters.AddWithValue("@id", id);
        return update.ExecuteNonQuery();
    });

    /// <summary>The run with <paramref name="id"/>, or null.</summary>
    public RunRecord? Get(long id)
    {
        if (!Exists)
        {
            return null;
        }

        return Read(connection =>
        {
            using SqliteCommand select = connection.CreateCommand();
            select.CommandText = $"SELECT {RunColumns} FROM runs WHERE id = @id";
            select.Parameters.AddWithValue("@id", id);
            List<RunRecord> runs = ReadRuns(select);
            return runs.Count == 0 ? null : Complete(connection, runs)[0];
        });
    }

    /// <summary>The runs <paramref name="query"/> selects, oldest first.</summary>
    public IReadOnlyList<RunRecord> List(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Exists)
        {
            return [];
        }

        return Read(connection =>
        {
            using SqliteCommand select = connection.CreateCommand();
            string where = Where(select, query.Filters);
            select.CommandText = query.Last is int n
                ? $"SELECT * FROM (SELECT {RunColumns} FROM runs{where} ORDER BY id DESC LIMIT @last) ORDER BY id"
                : $"SELECT {RunColumns} FROM runs{where} ORDER BY id";
            if (query.Last is int last)
            {
                select.Parameters.AddWithValue("@last", last);
            }

            return Complete(connection, ReadRuns(select));
        });
    }

    /// <summary>How many runs <paramref name="filters"/> accept.</summary>
    public long Count(IReadOnlyList<RunFilter>? filters = null)
    {
        if (!Exists)
        {
            return 0;
        }

        return Read(connection =>
        {
            using SqliteCommand count = connection.CreateCommand();
            string where = Where(count, filters);
            count.CommandText = "SELECT count(*) FROM runs" + where;
            return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
    }

    /// <summary>
    /// The id a user wrote: a number, <c>last</c> (the most recent run) or <c>last-N</c> (N runs before it).
    /// </summary>
    public long ResolveId(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return id;
        }

        int back = 0;
        if (text.StartsWith("last", StringComparison.OrdinalIgnoreCase) &&
            (text.Length == 4 || (text[4] is '-' or '~' && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out back))))
        {
            IReadOnlyList<RunRecord> recent = List(new RunQuery(back + 1));
            if (recent.Count < back + 1)
            {
                throw new CliException(recent.Count == 0
                    ? $"there are no runs in {Path} yet"
                    : $"'{text}': there are only {Count()} runs in {Path}");
            }

            return recent[0].Id;
        }

        throw new CliException($"'{text}' is not a run id; give a number from 'verdict runs list', 'last' or 'last-N'");
    }

    /// <summary>Runs <paramref name="a"/> and <paramref name="b"/> side by side; a missing id is an error.</summary>
    public RunComparison Compare(long a, long b) => RunComparison.Create(Require(a), Require(b));

    /// <summary>The run with <paramref name="id"/>; a missing id is an error that says where it looked.</summary>
    public RunRecord Require(long id) =>
        Get(id) ?? throw new CliException(Exists
            ? $"there is no run {id.ToString(CultureInfo.InvariantCulture)} in {Path}; 'verdict runs list' shows the ids"
            : $"there are no runs yet: {Path} does not exist (runs are recorded by report, thresholds and gate unless --no-log)");

    /// <summary>Writes the runs <paramref name="query"/> selects as CSV or JSON (see <see cref="RunRender"/>).</summary>
    public void Export(RunQuery query, string format, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IReadOnlyList<RunRecord> runs = List(query);
        writer.Write(format switch
        {
            "csv" => RunRender.Csv(runs),
            "json" => RunRender.ExportJson(runs) + "\n",
            _ => throw new CliException($"--format '{format}' is not one of csv, json"),
        });
    }

    /// <summary>SQLite's <c>PRAGMA integrity_check</c>: "ok" when the file is sound.</summary>
    public string IntegrityCheck() => Read(connection =>
    {
        using SqliteCommand check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    });

    /// <summary>The journal mode in force ("wal").</summary>
    public string JournalMode() => Read(connection =>
    {
        using SqliteCommand mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        return Convert.ToString(mode.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    });

    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static object Db(string? s) => s is null ? DBNull.Value : s;

    private static object Db(double v) => double.IsNaN(v) ? DBNull.Value : v;

    private static string Where(SqliteCommand command, IReadOnlyList<RunFilter>? filters)
    {
        if (filters is null || filters.Count == 0)
        {
            return string.Empty;
        }

        return " WHERE " + string.Join(" AND ", filters.Select((f, i) => f.ToSql(command, i)));
    }

    private static List<RunRecord> ReadRuns(SqliteCommand select)
    {
        var runs = new List<RunRecord>();
        using SqliteDataReader r = select.ExecuteReader();
        while (r.Read())
        {
            runs.Add(new RunRecord
            {
                Id = r.GetInt64(0),
                Uid = r.GetString(1),
                Time = ParseTime(r.GetString(2)),
                Command = r.GetString(3),
                CommandLine = r.GetString(4),
                InputPath = Text(r, 5),
                InputSize = r.IsDBNull(6) ? null : r.GetInt64(6),
                InputSha256 = Text(r, 7),
                Spec = Text(r, 8),
                SpecSha256 = Text(r, 9),
                Threshold = r.IsDBNull(10) ? null : r.GetDouble(10),
                Averaging = Text(r, 11),
                Positive = Text(r, 12),
                Task = Text(r, 13),
                Rows = r.IsDBNull(14) ? null : r.GetInt64(14),
                Gate = Text(r, 15) switch { "pass" => GateOutcome.Pass, "fail" => GateOutcome.Fail, _ => null },
                GateFailures = Text(r, 16) is string failures ? JsonSerializer.Deserialize<string[]>(failures) ?? [] : [],
                ToolVersion = r.GetString(17),
                GitCommit = Text(r, 18),
                Name = Text(r, 19),
                MlflowRunId = Text(r, 20),
            });
        }

        return runs;
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>Adds each run's metrics and tags.</summary>
    private static List<RunRecord> Complete(SqliteConnection connection, List<RunRecord> runs)
    {
        using SqliteCommand metrics = connection.CreateCommand();
        metrics.CommandText = "SELECT key, value, metric, class FROM metrics WHERE run_id = @id ORDER BY position";
        SqliteParameter metricsId = metrics.Parameters.Add("@id", SqliteType.Integer);
        using SqliteCommand tags = connection.CreateCommand();
        tags.CommandText = "SELECT key, value FROM tags WHERE run_id = @id ORDER BY position";
        SqliteParameter tagsId = tags.Parameters.Add("@id", SqliteType.Integer);
        for (int i = 0; i < runs.Count; i++)
        {
            metricsId.Value = runs[i].Id;
            tagsId.Value = runs[i].Id;
            var scalars = new List<RunMetric>();
            var perClass = new List<ClassMetric>();
            using (SqliteDataReader r = metrics.ExecuteReader())
            {
                while (r.Read())
                {
                    string key = r.GetString(0);
                    double value = r.IsDBNull(1) ? double.NaN : r.GetDouble(1);
                    if (r.IsDBNull(3))
                    {
                        scalars.Add(new RunMetric(key, value));
                    }
                    else
                    {
                        perClass.Add(new ClassMetric(r.GetString(2), r.GetString(3), key, value));
                    }
                }
            }

            var tagList = new List<KeyValuePair<string, string>>();
            using (SqliteDataReader r = tags.ExecuteReader())
            {
                while (r.Read())
                {
                    tagList.Add(new(r.GetString(0), r.GetString(1)));
                }
            }

            runs[i] = runs[i] with { Metrics = scalars, PerClass = perClass, Tags = tagList };
        }

        return runs;
    }

    private T Read<T>(Func<SqliteConnection, T> body) => WithRetry(() =>
    {
        using SqliteConnection connection = Open(SqliteOpenMode.ReadWrite);
        return body(connection);
    });

    private T Write<T>(Func<SqliteConnection, T> body) => WithRetry(() =>
    {
        using SqliteConnection connection = Open(SqliteOpenMode.ReadWriteCreate);
        return body(connection);
    });

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        if (mode == SqliteOpenMode.ReadWriteCreate)
        {
            string? dir = System.IO.Path.GetDirectoryName(Path);
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;");
            if (!_initialized)
            {
                Initialize(connection);
                _initialized = true;
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Turns on WAL, creates the schema if missing and checks its version, in one immediate transaction.</summary>
    private void Initialize(SqliteConnection connection)
    {
        using (SqliteCommand wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteScalar();
        }

        using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.Transaction = tx;
            create.CommandText = Schema;
            create.ExecuteNonQuery();
        }

        int version = SchemaVersionOf(connection, tx);
        if (version > SchemaVersion)
        {
            throw new CliException($"{Path} has run-history schema {version.ToString(CultureInfo.InvariantCulture)}, newer than this verdict understands ({SchemaVersion.ToString(CultureInfo.InvariantCulture)}); upgrade verdict or set VERDICT_HOME to another folder");
        }

        if (version == 0)
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO schema_version (version) VALUES (@v)";
            insert.Parameters.AddWithValue("@v", SchemaVersion);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static int SchemaVersionOf(SqliteConnection connection, SqliteTransaction? tx)
    {
        using SqliteCommand exists = connection.CreateCommand();
        exists.Transaction = tx;
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = tx;
        select.CommandText = "SELECT max(version) FROM schema_version";
        object? v = select.ExecuteScalar();
        return v is null or DBNull ? 0 : Convert.ToInt32(v, CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Retries <paramref name="body"/> while SQLite reports the database busy or locked, with a growing jittered pause.</summary>
    private static T WithRetry<T>(Func<T> body)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return body();
            }
            catch (SqliteException e) when (IsBusy(e) && attempt < MaxAttempts)
            {
                int ceiling = Math.Min(2000, 25 << attempt);
                Thread.Sleep(ceiling / 2 + Random.Shared.Next(ceiling / 2));
            }
        }
    }

    private static bool IsBusy(SqliteException e) => (e.SqliteErrorCode & 0xFF) is 5 or 6;
}
