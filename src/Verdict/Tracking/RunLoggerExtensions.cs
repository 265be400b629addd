using Verdict.Reports;

namespace Verdict.Tracking;

/// <summary>Conveniences over <see cref="IRunLogger"/>: log an evaluation, several params or tags at once.</summary>
public static class RunLoggerExtensions
{
    /// <summary>
    /// Logs every metric of <paramref name="report"/> at <paramref name="step"/> under the keys of
    /// <see cref="RunMetrics.FromReport"/> (<c>accuracy</c>, <c>f1_macro</c>, <c>precision_fraud</c>, ...), each key
    /// preceded by <paramref name="prefix"/> when one is given (e.g. <c>val_</c>). Returns the metrics logged.
    /// </summary>
    public static RunMetrics LogReport(this IRunLogger logger, EvaluationReport report, long step = 0, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        RunMetrics metrics = RunMetrics.FromReport(report);
        return Log(logger, prefix is null ? metrics : metrics.WithPrefix(prefix), step);
    }

    /// <summary>
    /// Logs the metrics of a threshold table at <paramref name="step"/> under the keys of
    /// <see cref="RunMetrics.FromThresholds"/> (<c>f1</c>, <c>tp</c>, <c>f1_at_0.5</c>, ...), each key preceded by
    /// <paramref name="prefix"/> when one is given. Returns the metrics logged.
    /// </summary>
    public static RunMetrics LogThresholds(this IRunLogger logger, ThresholdTable table, long step = 0, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        RunMetrics metrics = RunMetrics.FromThresholds(table);
        return Log(logger, prefix is null ? metrics : metrics.WithPrefix(prefix), step);
    }

    /// <summary>Logs each param in order (see <see cref="IRunLogger.LogParam"/>).</summary>
    public static void LogParams(this IRunLogger logger, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (KeyValuePair<string, string> p in parameters)
        {
            logger.LogParam(p.Key, p.Value);
        }
    }

    /// <summary>Sets each tag in order (see <see cref="IRunLogger.SetTag"/>).</summary>
    public static void SetTags(this IRunLogger logger, IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(tags);
        foreach (KeyValuePair<string, string> t in tags)
        {
            logger.SetTag(t.Key, t.Value);
        }
    }

    private static RunMetrics Log(IRunLogger logger, RunMetrics metrics, long step)
    {
        logger.LogMetrics(metrics.All, step);
        return metrics;
    }
}
