using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>
/// The local run history as a run logger: the run's description (command, input, spec, gate, ...) comes with the
/// constructor, its metrics and tags through <see cref="IRunLogger"/>, and <see cref="Finish"/> stores the whole run
/// in one transaction (<see cref="RunStore.Add"/>), after which <see cref="Id"/> is its local id.
/// </summary>
/// <remarks>
/// The history keeps one value per metric key: a key logged again (at another step) replaces the value, in its first
/// place. A <see cref="ClassMetric"/> keeps its metric/class breakdown. Params are checked but not stored: the
/// history keeps the run's settings in its own columns (threshold, averaging, ...) and has no params table. The status
/// is not stored either: the history holds the runs that finished, whatever their status.
/// </remarks>
internal sealed class RunStoreLogger : IRunLogger
{
    private readonly RunRecord _run;
    private readonly RunLogState _state = new();
    private readonly List<RunMetric> _metrics = [];
    private readonly List<ClassMetric> _perClass = [];
    private readonly Dictionary<string, (bool PerClass, int Index)> _where = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _tags = [];

    /// <summary>A logger that stores into <paramref name="store"/> a run described by <paramref name="run"/> (its metrics and tags are not used).</summary>
    public RunStoreLogger(RunStore store, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        Store = store;
        _run = run with { Id = 0, Metrics = [], PerClass = [], Tags = [] };
    }

    /// <summary>The history the run goes to.</summary>
    public RunStore Store { get; }

    /// <summary>The run's local id once <see cref="Finish"/> stored it; 0 before, or when storing failed.</summary>
    public long Id { get; private set; }

    /// <inheritdoc/>
    public void LogMetric(string key, double value, long step = 0)
    {
        _state.CheckMetric(key, step);
        Put(new RunMetric(key, value));
    }

    /// <inheritdoc/>
    public void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0)
    {
        foreach (RunMetric m in _state.CheckMetrics(metrics, step))
        {
            Put(m);
        }
    }

    /// <summary>Checks the param (set once) but does not store it (see the remarks).</summary>
    public void LogParam(string key, string value) => _state.AddParam(key, value);

    /// <inheritdoc/>
    public void SetTag(string key, string value)
    {
        _state.CheckTag(key, value);
        _tags.RemoveAll(t => t.Key == key);
        _tags.Add(new(key, value));
    }

    /// <summary>Stores the run; <see cref="Id"/> is then its id.</summary>
    public void Finish(RunStatus status = RunStatus.Finished)
    {
        _state.Finish(status);
        Id = Store.Add(_run with { Metrics = [.. _metrics], PerClass = [.. _perClass], Tags = [.. _tags] });
    }

    private void Put(RunMetric m)
    {
        if (_where.TryGetValue(m.Key, out (bool PerClass, int Index) at))
        {
            if (at.PerClass)
            {
                _perClass[at.Index] = m as ClassMetric ?? _perClass[at.Index] with { Value = m.Value };
            }
            else
            {
                _metrics[at.Index] = new RunMetric(m.Key, m.Value);
            }

            return;
        }

        if (m is ClassMetric c)
        {
            _where.Add(m.Key, (true, _perClass.Count));
            _perClass.Add(c);
        }
        else
        {
            _where.Add(m.Key, (false, _metrics.Count));
            _metrics.Add(m);
        }
    }
}
