using Verdict.Scores;
using Verdict.Tracking;

namespace Verdict.Tests.Tracking;

public sealed class InMemoryRunLoggerTests
{
    [Fact]
    public void LogReport_ReceivesEveryKeyWithItsValueAtTheStep()
    {
        var run = new InMemoryRunLogger();

        RunMetrics logged = run.LogReport(TrackingSamples.Report(), step: 3);

        Assert.Equal(logged.All.Select(m => (m.Key, m.Value, 3L)), run.Metrics.Select(m => (m.Key, m.Value, m.Step)));
        Assert.Equal(((2.0 / 3) + (8.0 / 11) + (2.0 / 3)) / 3, run.Latest("f1_macro")!.Value, 12);
        Assert.Equal(0.7, run.Latest("accuracy")!.Value, 12);
        Assert.Equal(0.8, run.Latest("recall_legit")!.Value, 12);
        Assert.Equal(2, run.Latest("support_card_not_present"));
    }

    [Fact]
    public void LogReport_Prefix_KeysPrefixed()
    {
        var run = new InMemoryRunLogger();

        run.LogReport(TrackingSamples.Report(), step: 0, prefix: "val_");

        Assert.All(run.Metrics, m => Assert.StartsWith("val_", m.Key, StringComparison.Ordinal));
        Assert.NotNull(run.Latest("val_precision_fraud"));
        Assert.Null(run.Latest("precision_fraud"));
    }

    [Fact]
    public void Steps_HistoryKeepsEveryValue_LatestIsTheLastLogged()
    {
        var run = new InMemoryRunLogger();

        run.LogMetric("loss", 0.9, step: 0);
        run.LogMetric("loss", 0.5, step: 1);
        run.LogMetric("acc", 0.7, step: 1);
        run.LogMetric("loss", 0.4, step: 2);

        Assert.Equal([(0L, 0.9), (1L, 0.5), (2L, 0.4)], run.History("loss").Select(m => (m.Step, m.Value)));
        Assert.Equal(0.4, run.Latest("loss"));
        Assert.Null(run.Latest("missing"));
        Assert.Empty(run.History("missing"));
        Assert.Equal(["loss", "acc"], run.LatestValues().Keys);
        Assert.Equal(0.4, run.LatestValues()["loss"]);
    }

    [Fact]
    public void NaNAndInfinity_AreKept()
    {
        var run = new InMemoryRunLogger();

        run.LogMetric("undefined", double.NaN);
        run.LogMetrics([new RunMetric("up", double.PositiveInfinity), new RunMetric("down", double.NegativeInfinity)], step: 1);
        run.LogReport(Verdict.Reports.EvaluationReport.For(Verdict.Evaluation.LabelEvaluation.FromLabels(["a", "b"], ["a", "a"]), ZeroDivision.NaN));

        Assert.True(double.IsNaN(run.Latest("undefined")!.Value));
        Assert.Equal(double.PositiveInfinity, run.Latest("up"));
        Assert.Equal(double.NegativeInfinity, run.Latest("down"));
        Assert.True(double.IsNaN(run.Latest("precision_b")!.Value));
    }

    [Fact]
    public void Params_SetOnce_SameValueAgainIsFine_AnotherValueThrows()
    {
        var run = new InMemoryRunLogger();
        run.LogParams([new("model", "xgb"), new("lr", "0.1")]);
        run.LogParam("model", "xgb");

        var e = Assert.Throws<ArgumentException>(() => run.LogParam("model", "lgbm"));

        Assert.Contains("'model' is already 'xgb'", e.Message);
        Assert.Equal([new("model", "xgb"), new("lr", "0.1")], run.Params);
    }

    [Fact]
    public void Tags_LastValueWins()
    {
        var run = new InMemoryRunLogger();

        run.SetTags([new("team", "risk"), new("stage", "dev")]);
        run.SetTag("team", "ops");

        Assert.Equal("ops", run.Tags["team"]);
        Assert.Equal("dev", run.Tags["stage"]);
        Assert.Equal(2, run.Tags.Count);
    }

    [Fact]
    public void InvalidCalls_ThrowAndLogNothing()
    {
        var run = new InMemoryRunLogger();

        Assert.Throws<ArgumentException>(() => run.LogMetric("", 1));
        Assert.Throws<ArgumentNullException>(() => run.LogMetric(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.LogMetric("a", 1, step: -1));
        Assert.Throws<ArgumentException>(() => run.LogMetrics([new RunMetric("a", 1), null!]));
        Assert.Throws<ArgumentException>(() => run.LogMetrics([new RunMetric("a", 1), new RunMetric("", 2)]));
        Assert.Throws<ArgumentException>(() => run.SetTag("", "x"));
        Assert.Throws<ArgumentNullException>(() => run.LogParam("a", null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Finish((RunStatus)7));

        Assert.Empty(run.Metrics);
        Assert.Empty(run.Tags);
        Assert.Empty(run.Params);
        Assert.False(run.IsFinished);
    }

    [Fact]
    public void Finish_RecordsTheStatus_ThenEveryCallThrows()
    {
        var run = new InMemoryRunLogger();
        Assert.Null(run.Status);

        run.Finish(RunStatus.Failed);

        Assert.True(run.IsFinished);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Throws<InvalidOperationException>(() => run.LogMetric("a", 1));
        Assert.Throws<InvalidOperationException>(() => run.LogMetrics([]));
        Assert.Throws<InvalidOperationException>(() => run.LogParam("a", "b"));
        Assert.Throws<InvalidOperationException>(() => run.SetTag("a", "b"));
        Assert.Throws<InvalidOperationException>(() => run.Finish());
        Assert.Equal(RunStatus.Failed, run.Status);
    }

    [Fact]
    public void Finish_DefaultStatusIsFinished()
    {
        var run = new InMemoryRunLogger();

        run.Finish();

        Assert.Equal(RunStatus.Finished, run.Status);
    }
}
