using Verdict.Tracking;

namespace Verdict.Tests.Tracking;

public sealed class CompositeRunLoggerTests
{
    /// <summary>A sink that fails the calls it is told to, and records the calls it got.</summary>
    private sealed class FailingLogger(params string[] failOn) : IRunLogger, IDisposable
    {
        public List<string> Calls { get; } = [];

        public bool Disposed { get; private set; }

        public void LogMetric(string key, double value, long step = 0) => Call("LogMetric");

        public void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0) => Call("LogMetrics");

        public void LogParam(string key, string value) => Call("LogParam");

        public void SetTag(string key, string value) => Call("SetTag");

        public void Finish(RunStatus status = RunStatus.Finished) => Call("Finish");

        public void Dispose()
        {
            Disposed = true;
            Call("Dispose");
        }

        private void Call(string name)
        {
            Calls.Add(name);
            if (failOn.Contains(name))
            {
                throw new IOException($"{name} failed");
            }
        }
    }

    [Fact]
    public void EverySinkGetsEveryCall_InOrder()
    {
        var a = new InMemoryRunLogger();
        var b = new InMemoryRunLogger();
        using var run = new CompositeRunLogger(a, b);

        run.LogParam("model", "xgb");
        run.SetTag("team", "risk");
        run.LogMetric("loss", 0.5, step: 1);
        run.LogReport(TrackingSamples.Report(), step: 2);
        run.Finish(RunStatus.Killed);

        foreach (InMemoryRunLogger sink in new[] { a, b })
        {
            Assert.Equal("xgb", sink.Params["model"]);
            Assert.Equal("risk", sink.Tags["team"]);
            Assert.Equal(0.5, sink.Latest("loss"));
            Assert.Equal(2, sink.History("f1_macro").Single().Step);
            Assert.Equal(RunStatus.Killed, sink.Status);
        }

        Assert.Equal(a.Metrics, b.Metrics);
        Assert.Equal([a, b], run.Loggers);
    }

    [Fact]
    public void OneSinkThrows_TheOthersStillGetTheRun_TheErrorSurfacesWithItsSink()
    {
        var before = new InMemoryRunLogger();
        var failing = new FailingLogger("LogMetrics", "Finish");
        var after = new InMemoryRunLogger();
        var run = new CompositeRunLogger(before, failing, after);

        var metricsError = Assert.Throws<RunLoggerException>(() => run.LogReport(TrackingSamples.Report()));
        run.SetTag("team", "risk");
        var finishError = Assert.Throws<RunLoggerException>(() => run.Finish());

        RunLoggerFailure f = Assert.Single(metricsError.Failures);
        Assert.Same(failing, f.Logger);
        Assert.Equal("LogMetrics failed", f.Exception.Message);
        Assert.Same(f.Exception, Assert.Single(metricsError.InnerExceptions));
        Assert.StartsWith("1 of 3 run loggers failed (FailingLogger)", metricsError.Message, StringComparison.Ordinal);
        Assert.Equal("Finish failed", Assert.Single(finishError.Failures).Exception.Message);
        foreach (InMemoryRunLogger sink in new[] { before, after })
        {
            Assert.NotNull(sink.Latest("f1_macro"));
            Assert.Equal("risk", sink.Tags["team"]);
            Assert.Equal(RunStatus.Finished, sink.Status);
        }

        Assert.Equal(["LogMetrics", "SetTag", "Finish"], failing.Calls);
    }

    [Fact]
    public void SeveralSinksThrow_AllListedInCallOrder()
    {
        var first = new FailingLogger("SetTag");
        var ok = new InMemoryRunLogger();
        var second = new FailingLogger("SetTag");
        var run = new CompositeRunLogger(first, ok, second);

        var e = Assert.Throws<RunLoggerException>(() => run.SetTag("a", "b"));

        Assert.Equal([first, second], e.Failures.Select(f => f.Logger));
        Assert.Equal("b", ok.Tags["a"]);
    }

    [Fact]
    public void InvalidCall_ThrowsPlainly_AndReachesNoSink()
    {
        var sink = new FailingLogger();
        var run = new CompositeRunLogger(sink);
        run.LogParam("model", "xgb");

        Assert.Throws<ArgumentException>(() => run.LogMetric("", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.LogMetrics([new RunMetric("a", 1)], step: -2));
        Assert.Throws<ArgumentException>(() => run.LogParam("model", "lgbm"));
        run.LogParam("model", "xgb");

        Assert.Equal(["LogParam"], sink.Calls);
    }

    [Fact]
    public void AfterFinish_CallsThrowAndReachNoSink()
    {
        var sink = new FailingLogger();
        var run = new CompositeRunLogger(sink);
        run.Finish();

        Assert.Throws<InvalidOperationException>(() => run.LogMetric("a", 1));
        Assert.Throws<InvalidOperationException>(() => run.Finish());

        Assert.Equal(["Finish"], sink.Calls);
    }

    [Fact]
    public void LogMetrics_LazySequence_EnumeratedOnce()
    {
        int enumerations = 0;
        IEnumerable<RunMetric> Metrics()
        {
            enumerations++;
            yield return new RunMetric("a", 1);
        }

        var a = new InMemoryRunLogger();
        var b = new InMemoryRunLogger();
        new CompositeRunLogger(a, b).LogMetrics(Metrics());

        Assert.Equal(1, enumerations);
        Assert.Equal(1, a.Latest("a"));
        Assert.Equal(1, b.Latest("a"));
    }

    [Fact]
    public void Dispose_DisposesEverySink_EvenAfterOneThrows()
    {
        var failing = new FailingLogger("Dispose");
        var other = new FailingLogger();
        var run = new CompositeRunLogger(failing, new InMemoryRunLogger(), other);

        var e = Assert.Throws<RunLoggerException>(run.Dispose);
        run.Dispose();

        Assert.Same(failing, Assert.Single(e.Failures).Logger);
        Assert.True(failing.Disposed);
        Assert.True(other.Disposed);
        Assert.Equal(["Dispose"], other.Calls);
    }

    [Fact]
    public void NullSink_Refused()
    {
        Assert.Throws<ArgumentException>(() => new CompositeRunLogger(new InMemoryRunLogger(), null!));
    }
}
