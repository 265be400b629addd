namespace Verdict.Tracking;

/// <summary>One logged metric value: its key, value and step.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Value">The value (NaN and ±∞ kept).</param>
/// <param name="Step">The step it was logged at.</param>
public sealed record LoggedMetric(string Key, double Value, long Step);

/// <summary>
/// A run logger that keeps everything in memory: every metric value with its step, the params, the tags and the
/// final status. For tests of code that logs, and for looking at a run without a tracking server.
/// </summary>
/// <remarks>Keeps the rules of <see cref="IRunLogger"/>. Not thread-safe.</remarks>
/// <example>
/// <code>
/// var run = new InMemoryRunLogger();
/// run.LogMetric("loss", 0.5, step: 0);
/// run.LogMetric("loss", 0.25, step: 1);
/// run.Latest("loss");              // 0.25
/// run.History("loss").Count;       // 2
/// </code>
/// </example>
public sealed class InMemoryRunLogger : IRunLogger
{
    private readonly RunLogState _state = new();
    private readonly List<LoggedMetric> _metrics = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);

    /// <summary>Every metric value logged, in the order logged.</summary>
    public IReadOnlyList<LoggedMetric> Metrics => _metrics;

    /// <summary>The params, in the order first logged.</summary>
    public IReadOnlyDictionary<string, string> Params => _state.Params;

    /// <summary>The tags (the last value of each key).</summary>
    public IReadOnlyDictionary<string, string> Tags => _tags;

    /// <summary>The status the run finished with, or null while it is open.</summary>
    public RunStatus? Status => _state.Status;

    /// <summary>Whether <see cref="Finish"/> was called.</summary>
    public bool IsFinished => _state.IsFinished;

    /// <summary>The value most recently logged under <paramref name="key"/> (whatever its step), or null if none was.</summary>
    public double? Latest(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (int i = _metrics.Count - 1; i >= 0; i--)
        {
            if (_metrics[i].Key == key)
            {
                return _metrics[i].Value;
            }
        }

        return null;
    }

    /// <summary>Every value logged under <paramref name="key"/>, in the order logged.</summary>
    public IReadOnlyList<LoggedMetric> History(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return [.. _metrics.Where(m => m.Key == key)];
    }

    /// <summary>Each key's most recent value, keys in the order first logged.</summary>
    public IReadOnlyDictionary<string, double> LatestValues()
    {
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (LoggedMetric m in _metrics)
        {
            latest[m.Key] = m.Value;
        }

        return latest;
    }

    /// <inheritdoc/>
    public void LogMetric(string key, double value, long step = 0)
    {
        _state.CheckMetric(key, step);
        _metrics.Add(new LoggedMetric(key, value, step));
    }

    /// <inheritdoc/>
    public void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0)
    {
        foreach (RunMetric m in _state.CheckMetrics(metrics, step))
        {
            _metrics.Add(new LoggedMetric(m.Key, m.Value, step));
        }
    }

    /// <inheritdoc/>
    public void LogParam(string key, string value) => _state.AddParam(key, value);

    /// <inheritdoc/>
    public void SetTag(string key, string value)
    {
        _state.CheckTag(key, value);
        _tags[key] = value;
    }

    /// <inheritdoc/>
    public void Finish(RunStatus status = RunStatus.Finished) => _state.Finish(status);
}
