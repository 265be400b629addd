using Microsoft.Data.Sqlite;
using Verdict.Cli.Tracking;
using Verdict.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class RunStoreTests : IDisposable
{
    private readonly TrackingHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void DefaultPath_VerdictHome_IsRunsDbThere()
    {
        Assert.Equal(Path.Combine("/x/home", "runs.db"), RunStore.DefaultPath(n => n == "VERDICT_HOME" ? "/x/home" : null));
    }

    [Fact]
    public void DefaultPath_NoVerdictHome_IsUserDataFolder()
    {
        string path = RunStore.DefaultPath(_ => null);

        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.EndsWith(Path.Combine("verdict", "runs.db"), path);
        if (data.Length > 0)
        {
            Assert.StartsWith(data, path);
        }
    }

    [Fact]
    public void Add_Get_RoundTripsEveryField()
    {
        RunStore store = _home.Store();
        RunRecord run = Runs.Make(7) with
        {
            Spec = "rules:\n  - f1_macro >= 0.8\n",
            SpecSha256 = "ab",
            Gate = GateOutcome.Fail,
            GateFailures = ["f1_macro 0.79 < 0.8", "recall_fraud 0.5 < 0.6"],
            Name = "nightly",
            Tags = [new("team", "risk"), new("model", "xgb v2")],
            Threshold = double.PositiveInfinity,
            MlflowRunId = "abc123",
            Metrics = [new RunMetric("accuracy", 0.25), new RunMetric("roc_auc", double.NaN), new RunMetric("log_loss", double.PositiveInfinity)],
        };

        long id = store.Add(run);
        RunRecord back = store.Get(id)!;

        Assert.Equal(1, id);
        Assert.Equal(id, back.Id);
        Assert.Equal(run.Uid, back.Uid);
        Assert.Equal(run.Time, back.Time);
        Assert.Equal(run.Command, back.Command);
        Assert.Equal(run.CommandLine, back.CommandLine);
        Assert.Equal(run.InputPath, back.InputPath);
        Assert.Equal(run.InputSize, back.InputSize);
        Assert.Equal(run.InputSha256, back.InputSha256);
        Assert.Equal(run.Spec, back.Spec);
        Assert.Equal(run.SpecSha256, back.SpecSha256);
        Assert.Equal(double.PositiveInfinity, back.Threshold);
        Assert.Equal(run.Averaging, back.Averaging);
        Assert.Equal(run.Positive, back.Positive);
        Assert.Equal(run.Task, back.Task);
        Assert.Equal(run.Rows, back.Rows);
        Assert.Equal(GateOutcome.Fail, back.Gate);
        Assert.Equal(run.GateFailures, back.GateFailures);
        Assert.Equal(run.ToolVersion, back.ToolVersion);
        Assert.Equal(run.GitCommit, back.GitCommit);
        Assert.Equal("nightly", back.Name);
        Assert.Equal(run.Tags, back.Tags);
        Assert.Equal("abc123", back.MlflowRunId);
        Assert.Equal(run.Metrics, back.Metrics);
        Assert.True(double.IsNaN(back.Metric("roc_auc")!.Value));
        Assert.Equal(run.PerClass, back.PerClass);
    }

    [Fact]
    public void Add_RealReport_RoundTripsAllMetrics()
    {
        RunStore store = _home.Store();
        RunRecord run = RunRecord.FromReport(Samples.Digits(), "report") with { Time = DateTimeOffset.UnixEpoch.AddDays(20000) };

        RunRecord back = store.Get(store.Add(run))!;

        Assert.Equal(run.Metrics.Select(m => m.Key), back.Metrics.Select(m => m.Key));
        Assert.Equal(run.Metrics.Select(m => m.Value), back.Metrics.Select(m => m.Value));
        Assert.Equal(run.PerClass, back.PerClass);
    }

    [Fact]
    public void Time_IsStoredToTheMillisecondInUtc()
    {
        RunStore store = _home.Store();
        var local = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2)).AddTicks(1234);

        RunRecord back = store.Get(store.Add(Runs.Make(1, time: local)))!;

        Assert.Equal(new DateTimeOffset(2025, 3, 4, 3, 6, 7, 890, TimeSpan.Zero), back.Time);
    }

    [Fact]
    public void Get_Missing_IsNull_AndMissingDatabaseIsNotCreated()
    {
        RunStore store = _home.Store();

        Assert.Null(store.Get(1));
        Assert.Empty(store.List(new RunQuery()));
        Assert.False(File.Exists(store.Path));
        store.Add(Runs.Make(1));
        Assert.Null(store.Get(2));
    }

    [Fact]
    public void Database_IsWalWithSchemaVersion()
    {
        RunStore store = _home.Store();
        store.Add(Runs.Make(1));

        Assert.Equal("wal", store.JournalMode());
        using var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        connection.Open();
        using SqliteCommand version = connection.CreateCommand();
        version.CommandText = "SELECT version FROM schema_version";
        Assert.Equal(RunStore.SchemaVersion, Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Open_NewerSchema_IsRefused()
    {
        RunStore store = _home.Store();
        store.Add(Runs.Make(1));
        using (var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand bump = connection.CreateCommand();
            bump.CommandText = "UPDATE schema_version SET version = 99";
            bump.ExecuteNonQuery();
        }

        var e = Assert.Throws<CliException>(() => new RunStore(store.Path).Get(1));

        Assert.Contains("schema 99", e.Message);
        Assert.Contains("upgrade verdict", e.Message);
    }

    [Fact]
    public void List_LastN_OldestFirst()
    {
        RunStore store = _home.Store();
        for (int i = 1; i <= 5; i++)
        {
            store.Add(Runs.Make(i));
        }

        Assert.Equal([3L, 4L, 5L], store.List(new RunQuery(3)).Select(r => r.Id));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], store.List(new RunQuery()).Select(r => r.Id));
        Assert.Equal(5, store.Count());
    }

    [Theory]
    [InlineData("command=gate", new long[] { 2, 4 })]
    [InlineData("command!=gate", new long[] { 1, 3, 5 })]
    [InlineData("input~data3", new long[] { 3 })]
    [InlineData("input!~data3", new long[] { 1, 2, 4, 5 })]
    [InlineData("accuracy>=0.90025", new long[] { 3, 4, 5 })]
    [InlineData("accuracy<0.90015", new long[] { 1 })]
    [InlineData("precision_fraud=0.7", new long[] { 1, 2, 3, 4, 5 })]
    [InlineData("roc_auc>0", new long[] { })]
    [InlineData("id>3", new long[] { 4, 5 })]
    [InlineData("rows<=102", new long[] { 1, 2 })]
    [InlineData("commit=6B84252", new long[] { 1, 2, 3, 4, 5 })]
    [InlineData("commit=deadbee", new long[] { })]
    [InlineData("gate=fail", new long[] { 4 })]
    [InlineData("gate=none", new long[] { 1, 3, 5 })]
    [InlineData("tag.team=risk", new long[] { 5 })]
    [InlineData("time>=2025-01-01T00:04", new long[] { 4, 5 })]
    [InlineData("name=best", new long[] { 5 })]
    public void List_Filter_SelectsMatchingRuns(string filter, long[] expected)
    {
        RunStore store = _home.Store();
        for (int i = 1; i <= 5; i++)
        {
            RunRecord run = Runs.Make(i, i % 2 == 0 ? "gate" : "report");
            run = i switch
            {
                2 => run with { Gate = GateOutcome.Pass },
                4 => run with { Gate = GateOutcome.Fail },
                5 => run with { Tags = [new("team", "risk")], Name = "best" },
                _ => run,
            };
            store.Add(run);
        }

        Assert.Equal(expected, store.List(new RunQuery(null, [RunFilter.Parse(filter)])).Select(r => r.Id));
    }

    [Fact]
    public void List_FiltersCombineWithLast()
    {
        RunStore store = _home.Store();
        for (int i = 1; i <= 6; i++)
        {
            store.Add(Runs.Make(i, i % 2 == 0 ? "gate" : "report"));
        }

        RunFilter[] filters = [RunFilter.Parse("command=report"), RunFilter.Parse("accuracy>0.90015")];
        Assert.Equal([5L], store.List(new RunQuery(1, filters)).Select(r => r.Id));
        Assert.Equal(2, store.Count(filters));
    }

    [Theory]
    [InlineData("nothing")]
    [InlineData("=x")]
    [InlineData("f1_macro~0.5")]
    [InlineData("f1_macro>abc")]
    [InlineData("rows=many")]
    [InlineData("a!b")]
    public void Filter_Bad_IsAClearError(string filter)
    {
        RunStore store = _home.Store();
        store.Add(Runs.Make(1));

        Assert.Throws<CliException>(() => store.List(new RunQuery(null, [RunFilter.Parse(filter)])));
    }

    [Fact]
    public void ResolveId_NumberLastAndLastMinusN()
    {
        RunStore store = _home.Store();
        for (int i = 1; i <= 3; i++)
        {
            store.Add(Runs.Make(i));
        }

        Assert.Equal(2, store.ResolveId("2"));
        Assert.Equal(3, store.ResolveId("last"));
        Assert.Equal(2, store.ResolveId("last-1"));
        Assert.Equal(1, store.ResolveId("last~2"));
        Assert.Throws<CliException>(() => store.ResolveId("last-3"));
        Assert.Throws<CliException>(() => store.ResolveId("first"));
    }

    [Fact]
    public void Compare_FieldsAndMetricsWithDifferences()
    {
        RunStore store = _home.Store();
        long a = store.Add(Runs.Make(1));
        long b = store.Add(Runs.Make(2) with
        {
            Metrics = [new RunMetric("accuracy", 0.95), new RunMetric("roc_auc", double.NaN), new RunMetric("log_loss", 0.3)],
            PerClass = [],
        });

        RunComparison c = store.Compare(a, b);

        Assert.Equal(1, c.A.Id);
        Assert.Equal(2, c.B.Id);
        Assert.True(c.Fields.Single(f => f.Name == "input_sha256").Differs);
        Assert.False(c.Fields.Single(f => f.Name == "git_commit").Differs);
        Assert.DoesNotContain(c.Fields, f => f.Name is "id" or "uid");
        MetricDifference accuracy = c.Metrics.Single(m => m.Key == "accuracy");
        Assert.Equal(0.95 - 0.9001, accuracy.Delta!.Value, 12);
        Assert.True(accuracy.Differs);
        Assert.False(c.Metrics.Single(m => m.Key == "roc_auc").Differs);
        Assert.Null(c.Metrics.Single(m => m.Key == "roc_auc").Delta);
        MetricDifference onlyA = c.Metrics.Single(m => m.Key == "f1_macro");
        Assert.Null(onlyA.B);
        Assert.True(onlyA.Differs);
        Assert.Null(c.Metrics.Single(m => m.Key == "log_loss").A);
        Assert.Equal("log_loss", c.Metrics[^1].Key);
        Assert.Throws<CliException>(() => store.Compare(1, 9));
    }
}
