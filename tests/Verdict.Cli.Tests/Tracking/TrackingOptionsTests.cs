using Verdict.Cli.Tracking;

namespace Verdict.Cli.Tests.Tracking;

public sealed class TrackingOptionsTests : IDisposable
{
    private readonly TrackingHome _home = new();
    private readonly FakeMlflowServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _home.Dispose();
    }

    private string Input() => _home.BreastCancer();

    private (int Code, string Out, string Err) Run(params string[] args) => _home.RunOnBreastCancer(args);

    [Fact]
    public void Default_RecordsTheRunLocallyWithEverythingFilledIn()
    {
        (int code, string output, string err) = Run();

        Assert.Equal(0, code);
        Assert.Equal("evaluated\n", output);
        Assert.Empty(err);
        RunRecord run = Assert.Single(_home.Store().List(new RunQuery()));
        Assert.Equal(1, run.Id);
        Assert.Equal("report", run.Command);
        Assert.Equal($"verdict evaluate {Input()}", run.CommandLine);
        Assert.Equal(Input(), run.InputPath);
        (long? size, string? sha) = RunContext.Fingerprint(Input());
        Assert.Equal(size, run.InputSize);
        Assert.Equal(sha, run.InputSha256);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), run.Time);
        Assert.Equal(RunRecord.CurrentToolVersion, run.ToolVersion);
        Assert.Null(run.GitCommit);
        Assert.Equal(0.5, run.Threshold);
        Assert.Equal("binary", run.Averaging);
        Assert.NotNull(run.Metric("f1_macro"));
        Assert.NotNull(run.Metric("recall_malignant"));
        Assert.Null(run.MlflowRunId);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void NoLog_RecordsNothing()
    {
        (int code, _, string err) = Run("--no-log");

        Assert.Equal(0, code);
        Assert.Empty(err);
        Assert.False(File.Exists(_home.DatabasePath));
    }

    [Fact]
    public void Mlflow_LogsTheRunAndNotesItsIdLocally()
    {
        (int code, _, string err) = Run("--mlflow", _server.Url, "--experiment", "fraud", "--run-name", "nightly", "--step", "4", "--tag", "team=risk", "--tag", "model=xgb v2", "--tag", "team=ops");

        Assert.Equal(0, code);
        Assert.Empty(err);
        RunRecord run = _home.Store().Get(1)!;
        Assert.Equal("run1", run.MlflowRunId);
        Assert.Equal("nightly", run.Name);
        Assert.Equal([new("model", "xgb v2"), new("team", "ops")], run.Tags);
        Assert.Equal($"verdict evaluate {Input()} --mlflow {_server.Url} --experiment fraud --run-name nightly --step 4 --tag team=risk --tag 'model=xgb v2' --tag team=ops", run.CommandLine);
        var logged = _server.Runs["run1"];
        Assert.Equal(run.AllMetrics().Count(), logged.Metrics.Count);
        Assert.All(logged.Metrics, m => Assert.Equal(4, m!["step"]!.GetValue<long>()));
        Assert.Contains(logged.Tags, t => t!["key"]!.GetValue<string>() == "verdict.local_run_id" && t["value"]!.GetValue<string>() == "1");
        Assert.Contains(logged.Tags, t => t!["key"]!.GetValue<string>() == "team" && t["value"]!.GetValue<string>() == "ops");
        Assert.Equal("FINISHED", logged.Status);
        Assert.Equal("?experiment_name=fraud", _server.Requests[0].Query);
    }

    [Fact]
    public void Tag_BeforeTheFileArgument_TakesOneValue()
    {
        (int code, _, string err) = Cli.Run(_home.Environment(), Cli.TrackedRoot, "evaluate", "--tag", "a=1", "--tag", "b=2", Input());

        Assert.Equal(0, code);
        Assert.Empty(err);
        Assert.Equal([new("a", "1"), new("b", "2")], _home.Store().Get(1)!.Tags);
    }

    [Fact]
    public void Mlflow_ExperimentFromMlflowExperimentName()
    {
        _home.Variables["MLFLOW_EXPERIMENT_NAME"] = "from-env";

        (int code, _, _) = Run("--mlflow", _server.Url, "--no-log");

        Assert.Equal(0, code);
        Assert.Equal("?experiment_name=from-env", _server.Requests[0].Query);
        Assert.False(File.Exists(_home.DatabasePath));
    }

    [Fact]
    public void Mlflow_Unreachable_ExitTwo_LocalRecordKept()
    {
        int port = FakeMlflowServer.FreePort();

        (int code, string output, string err) = Run("--mlflow", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Equal("evaluated\n", output);
        Assert.StartsWith($"verdict: error: cannot reach MLflow at http://127.0.0.1:{port}/", err);
        Assert.EndsWith("the run is kept in the local history as run 1 ('verdict runs show 1')\n", err);
        RunRecord run = _home.Store().Get(1)!;
        Assert.Null(run.MlflowRunId);
        Assert.NotNull(run.Metric("accuracy"));
    }

    [Fact]
    public void Mlflow_ServerError_ExitTwo()
    {
        _server.Fail("runs/create", 400, null, "INVALID_PARAMETER_VALUE", "bad run");

        (int code, _, string err) = Run("--mlflow", _server.Url, "--no-log");

        Assert.Equal(2, code);
        Assert.Contains("INVALID_PARAMETER_VALUE: bad run", err);
        Assert.EndsWith("the run is not in the local history\n", err);
    }

    [Fact]
    public void TensorBoard_WritesAnEventFile()
    {
        string dir = Path.Combine(_home.Directory, "tb", "run-a");

        (int code, _, string err) = Run("--tensorboard", dir, "--step", "2");

        Assert.Equal(0, code);
        Assert.Empty(err);
        string file = Assert.Single(Directory.GetFiles(dir));
        Assert.StartsWith("events.out.tfevents.1748779200.", Path.GetFileName(file));
        Assert.Single(_home.Store().List(new RunQuery()));
    }

    [Fact]
    public void TensorBoard_Unwritable_ExitTwo_LocalRecordKept()
    {
        string blocker = _home.File("not-a-folder", "x");

        (int code, _, string err) = Run("--tensorboard", Path.Combine(blocker, "tb"));

        Assert.Equal(2, code);
        Assert.Contains("cannot write the TensorBoard event file", err);
        Assert.Single(_home.Store().List(new RunQuery()));
    }

    [Fact]
    public void LocalHistoryUnwritable_IsAWarningNotAFailure()
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

        (int code, string output, string err) = Cli.Run(broken, Cli.TrackedRoot, "evaluate", Input());

        Assert.Equal(0, code);
        Assert.Equal("evaluated\n", output);
        Assert.StartsWith("verdict: warning: the run was not recorded in the local history", err);
    }

    [Theory]
    [InlineData("--tag", "novalue", "--tag 'novalue' is not KEY=VALUE")]
    [InlineData("--tag", "bad key!=1", "MLflow tag keys")]
    [InlineData("--experiment", "x", "--experiment names an MLflow experiment; give --mlflow URI too")]
    [InlineData("--step", "-1", "--step -1 is negative")]
    [InlineData("--mlflow", "ftp://host", "is not an http:// or https:// address")]
    [InlineData("--mlflow", "localhost:5000", "is not an http:// or https:// address")]
    public void BadOptions_ExitTwoBeforeAnyWork(string option, string value, string message)
    {
        (int code, string output, string err) = Run(option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, err);
        Assert.False(File.Exists(_home.DatabasePath));
    }

    [Fact]
    public void Combine_TrackingFailureOutranksSuccessButNotAbsentGateFailure()
    {
        Assert.Equal(0, TrackingOptions.Combine(0, 0));
        Assert.Equal(1, TrackingOptions.Combine(1, 0));
        Assert.Equal(2, TrackingOptions.Combine(0, 2));
        Assert.Equal(2, TrackingOptions.Combine(1, 2));
    }
}
