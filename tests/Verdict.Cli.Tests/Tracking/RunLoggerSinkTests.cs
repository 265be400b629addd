using System.Text.Json;
using Verdict.Cli.Tracking;
using Verdict.Tests.Tracking;
using Verdict.Tracking;

namespace Verdict.Cli.Tests.Tracking;

/// <summary>
/// The CLI's sinks behind the library's <see cref="IRunLogger"/>: what <c>--tensorboard</c> and <c>--mlflow</c> send
/// is exactly the stored run, and a failing sink keeps none of the others from the run.
/// </summary>
public sealed class RunLoggerSinkTests : IDisposable
{
    private static readonly DateTimeOffset Clock = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TrackingHome _home = new();
    private readonly FakeMlflowServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _home.Dispose();
    }

    private string Input() => _home.BreastCancer();

    private (int Code, string Out, string Err) Run(params string[] args) => _home.RunOnBreastCancer(args);

    private static List<KeyValuePair<string, string>> Pairs(JsonElement array) =>
        [.. array.EnumerateArray().Select(p => new KeyValuePair<string, string>(p.GetProperty("key").GetString()!, p.GetProperty("value").GetString()!))];

    [Fact]
    public void TensorBoard_EventFileHoldsTheStoredRunsMetricsAtTheStep()
    {
        string dir = Path.Combine(_home.Directory, "tb");

        (int code, _, string err) = Run("--tensorboard", dir, "--step", "5");

        Assert.Equal(0, code);
        Assert.Empty(err);
        RunRecord stored = _home.Store().Get(1)!;
        var file = TensorBoardEventReader.Read(File.ReadAllBytes(Assert.Single(Directory.GetFiles(dir))));
        Assert.Equal("brain.Event:2", file.FileVersion);
        Assert.Equal(Clock.ToUnixTimeSeconds(), file.FileVersionWallTime);
        Assert.Equal(stored.AllMetrics().Select(m => (m.Key, 5L, (float)m.Value, (double)Clock.ToUnixTimeSeconds())),
            file.Scalars.Select(s => (s.Tag, s.Step, s.Value, s.WallTime)));
        Assert.Contains(file.Scalars, s => s.Tag == "precision_malignant");
    }

    [Fact]
    public void Mlflow_BatchIsExactlyTheStoredRunsBatch()
    {
        (int code, _, string err) = Run("--mlflow", _server.Url, "--step", "4", "--tag", "team=risk", "--run-name", "n");

        Assert.Equal(0, code);
        Assert.Empty(err);
        RunRecord stored = _home.Store().Get(1)!;
        Assert.Equal("run1", stored.MlflowRunId);
        MlflowBatch expected = MlflowClient.BatchFor(stored, 4);
        JsonElement sent = Assert.Single(_server.To("runs/log-batch")).Json;
        Assert.Equal(expected.Metrics.Select(m => (m.Key, m.Value, m.Timestamp, m.Step)),
            sent.GetProperty("metrics").EnumerateArray().Select(m => (m.GetProperty("key").GetString()!, m.GetProperty("value").GetDouble(), m.GetProperty("timestamp").GetInt64(), m.GetProperty("step").GetInt64())));
        Assert.Equal(expected.Params, Pairs(sent.GetProperty("params")));
        Assert.Equal(expected.Tags, Pairs(sent.GetProperty("tags")));
        Assert.Contains(new KeyValuePair<string, string>("verdict.local_run_id", "1"), expected.Tags);
        Assert.Equal("FINISHED", _server.Runs["run1"].Status);
    }

    [Fact]
    public void TensorBoardAndMlflowBothFail_BothReportedInOrder_LocalRecordKept()
    {
        string blocker = _home.File("blocker", "x");
        int port = FakeMlflowServer.FreePort();

        (int code, string output, string err) = Run("--tensorboard", Path.Combine(blocker, "tb"), "--mlflow", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Equal("evaluated\n", output);
        string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"verdict: error: cannot write the TensorBoard event file in '{Path.Combine(blocker, "tb")}': ", lines[0]);
        Assert.StartsWith($"verdict: error: cannot reach MLflow at http://127.0.0.1:{port}/", lines[1]);
        Assert.All(lines, l => Assert.EndsWith("the run is kept in the local history as run 1 ('verdict runs show 1')", l));
        Assert.NotNull(_home.Store().Get(1)!.Metric("f1_macro"));
    }

    [Fact]
    public void LocalHistoryFails_MlflowAndTensorBoardStillGetTheRun()
    {
        string blocker = _home.File("blocker", "x");
        TrackingEnvironment env = _home.Environment();
        var broken = new TrackingEnvironment
        {
            Variable = env.Variable,
            Clock = env.Clock,
            WorkingDirectory = env.WorkingDirectory,
            DatabasePath = Path.Combine(blocker, "runs.db"),
        };
        string dir = Path.Combine(_home.Directory, "tb");

        (int code, _, string err) = Cli.Run(broken, Cli.TrackedRoot, "evaluate", Input(), "--mlflow", _server.Url, "--tensorboard", dir);

        Assert.Equal(0, code);
        Assert.StartsWith("verdict: warning: the run was not recorded in the local history", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("FINISHED", _server.Runs["run1"].Status);
        Assert.DoesNotContain(_server.Runs["run1"].Tags, t => t!["key"]!.GetValue<string>() == "verdict.local_run_id");
        Assert.NotEmpty(TensorBoardEventReader.Read(File.ReadAllBytes(Assert.Single(Directory.GetFiles(dir)))).Scalars);
    }

    [Fact]
    public void RunStoreLogger_StoresOnFinish_OneValuePerKey_BreakdownKept()
    {
        var sink = new RunStoreLogger(_home.Store(), Runs.Make(1));
        sink.LogMetric("loss", 0.9, step: 0);
        sink.LogMetrics([new RunMetric("accuracy", 0.5), new ClassMetric("recall", "fraud", "recall_fraud", 0.25)], step: 0);
        sink.LogMetrics([new RunMetric("accuracy", 0.75), new RunMetric("recall_fraud", 0.5)], step: 1);
        sink.LogParam("lr", "0.1");
        sink.SetTag("team", "risk");
        sink.SetTag("team", "ops");
        Assert.False(File.Exists(_home.DatabasePath));
        Assert.Equal(0, sink.Id);

        sink.Finish();

        RunRecord stored = _home.Store().Get(sink.Id)!;
        Assert.Equal(1, sink.Id);
        Assert.Equal([("loss", 0.9), ("accuracy", 0.75)], stored.Metrics.Select(m => (m.Key, m.Value)));
        ClassMetric recall = Assert.Single(stored.PerClass);
        Assert.Equal(("recall", "fraud", "recall_fraud", 0.5), (recall.Metric, recall.Class, recall.Key, recall.Value));
        Assert.Equal([new("team", "ops")], stored.Tags);
        Assert.Equal(Runs.Make(1).InputSha256, stored.InputSha256);
        Assert.Throws<InvalidOperationException>(() => sink.LogMetric("a", 1));
    }

    [Fact]
    public void MlflowRunLogger_SendsNothingBeforeFinish_ThenTheStatusAndTheLoggedParams()
    {
        RunRecord run = Runs.Make(1) with { Time = Clock };
        using var sink = new MlflowRunLogger(new MlflowClient(new Uri(_server.Url), _ => null), "e", run, () => 9);
        sink.LogParam("lr", "0.1");
        sink.SetTag("team", "risk");
        sink.LogMetric("loss", double.NaN, step: 2);
        Assert.Empty(_server.Requests);

        sink.Finish(RunStatus.Failed);

        JsonElement sent = Assert.Single(_server.To("runs/log-batch")).Json;
        Assert.Equal([.. MlflowClient.BatchFor(run, 0).Params, new("lr", "0.1")], Pairs(sent.GetProperty("params")));
        Assert.Equal(new KeyValuePair<string, string>("team", "risk"), Pairs(sent.GetProperty("tags"))[^1]);
        Assert.Contains(new KeyValuePair<string, string>("verdict.local_run_id", "9"), Pairs(sent.GetProperty("tags")));
        JsonElement loss = Assert.Single(sent.GetProperty("metrics").EnumerateArray());
        Assert.Equal("NaN", loss.GetProperty("value").GetString());
        Assert.Equal(2, loss.GetProperty("step").GetInt64());
        Assert.Equal(Clock.ToUnixTimeMilliseconds(), loss.GetProperty("timestamp").GetInt64());
        Assert.Equal("FAILED", _server.Runs[sink.Result!.RunId].Status);
    }
}
