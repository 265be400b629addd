namespace Verdict.Tracking;

/// <summary>How a run ended, as MLflow records it.</summary>
public enum RunStatus
{
    /// <summary>The run completed (the default). A failed gate is a finished run with a failing result.</summary>
    Finished,

    /// <summary>The run stopped on an error.</summary>
    Failed,

    /// <summary>The run was stopped from outside (cancelled, interrupted).</summary>
    Killed,
}

/// <summary>
/// Where the metrics of one run go: scalar metrics at a step, params (the run's fixed settings), tags, and an end
/// with a status, as in MLflow (<c>log_metric</c>, <c>log_param</c>, <c>set_tag</c>, <c>end_run</c>) and W&amp;B
/// (<c>log</c>, <c>config</c>, <c>tags</c>, <c>finish</c>). One logger is one run.
/// </summary>
/// <remarks>
/// <para>The rules every implementation keeps (the library's own check them before anything is written):</para>
/// <list type="bullet">
/// <item>Keys are non-empty. Metric values are logged as given: NaN and ±∞ are kept, never dropped.</item>
/// <item>Steps are ≥ 0 (the default 0 suits a one-off evaluation); a key may be logged at many steps.</item>
/// <item>A param is set once: logging the same key with the same value again does nothing, another value throws
/// <see cref="ArgumentException"/> (MLflow refuses to change a param too). A tag can be changed: the last value wins.</item>
/// <item><see cref="Finish"/> ends the run; after it every call throws <see cref="InvalidOperationException"/>.</item>
/// </list>
/// <para>Implementations: <see cref="InMemoryRunLogger"/> (keeps everything, for tests and for inspection),
/// <see cref="TensorBoardLogger"/> (scalars to an event file), <see cref="CompositeRunLogger"/> (fans every call out
/// to several loggers). The verdict CLI adds its local SQLite run history and an MLflow REST client, both
/// implementations of this interface. Instances are not thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// IRunLogger run = new InMemoryRunLogger();
/// run.LogParam("model", "xgb");
/// run.LogMetric("loss", 0.31, step: 1);
/// run.LogReport(report, step: 1);   // f1_macro, precision_fraud, ... (RunMetrics.FromReport)
/// run.Finish();
/// </code>
/// </example>
public interface IRunLogger
{
    /// <summary>Logs one scalar metric at <paramref name="step"/>.</summary>
    /// <param name="key">The metric key, e.g. <c>f1_macro</c> or <c>loss</c>.</param>
    /// <param name="value">The value; NaN and ±∞ are kept.</param>
    /// <param name="step">The step (epoch, batch, model version ...), ≥ 0.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "step is the name MLflow, W&B and TensorBoard give it; only a Visual Basic implementer has to rename it.")]
    void LogMetric(string key, double value, long step = 0);

    /// <summary>Logs several metrics at one <paramref name="step"/>, in order (one batch where the sink has batches).</summary>
    /// <param name="metrics">The metrics, e.g. <see cref="RunMetrics.All"/>.</param>
    /// <param name="step">The step, ≥ 0.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "step is the name MLflow, W&B and TensorBoard give it; only a Visual Basic implementer has to rename it.")]
    void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0);

    /// <summary>Logs a param: a fixed setting of the run (learning rate, model name, input file ...).</summary>
    /// <exception cref="ArgumentException">The key was logged before with another value.</exception>
    void LogParam(string key, string value);

    /// <summary>Sets a tag (the last value of a key wins).</summary>
    void SetTag(string key, string value);

    /// <summary>Ends the run with <paramref name="status"/>; sinks that send or store whole runs do it now.</summary>
    void Finish(RunStatus status = RunStatus.Finished);
}
