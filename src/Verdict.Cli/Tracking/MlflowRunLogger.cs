using Verdict.Tracking;

namespace Verdict.Cli.Tracking;

/// <summary>
/// An MLflow tracking server as a run logger: the run's description (command, input, threshold, ... as in
/// <see cref="MlflowClient.BatchFor"/>) comes with the constructor, its metrics, params and tags through
/// <see cref="IRunLogger"/>, and <see cref="Finish"/> sends the whole run (<see cref="MlflowClient.LogRunAsync(RunRecord, string, MlflowBatch, RunStatus, CancellationToken)"/>):
/// experiment, <c>runs/create</c>, <c>runs/log-batch</c> in chunks, <c>runs/update</c> with the status.
/// </summary>
/// <remarks>
/// Nothing is sent before <see cref="Finish"/>, so one run costs the same few requests however it was logged, and a
/// server that cannot be reached fails only the finish. Every metric is timestamped with the run's time. The
/// params are the run's (command, input_path, ...) followed by those logged; the tags are the run's
/// (<c>verdict.version</c>, ..., <c>verdict.local_run_id</c> from <paramref name="localRunId"/> at finish time)
/// followed by those set. Owns the client.
/// </remarks>
/// <param name="client">The client (disposed with this logger).</param>
/// <param name="experiment">The experiment name.</param>
/// <param name="run">The run's description; its metrics and tags are not used.</param>
/// <param name="localRunId">The run's id in the local history once stored (0: none), read at <see cref="Finish"/>.</param>
internal sealed class MlflowRunLogger(MlflowClient client, string experiment, RunRecord run, Func<long>? localRunId = null) : IRunLogger, IDisposable
{
    private readonly RunRecord _run = run with { Metrics = [], PerClass = [], Tags = [] };
    private readonly RunLogState _state = new();
    private readonly List<MlflowMetric> _metrics = [];
    private readonly List<KeyValuePair<string, string>> _params = [];
    private readonly List<KeyValuePair<string, string>> _tags = [];

    /// <summary>Where the run went, once <see cref="Finish"/> succeeded; else null.</summary>
    public MlflowRunResult? Result { get; private set; }

    /// <inheritdoc/>
    public void LogMetric(string key, double value, long step = 0)
    {
        _state.CheckMetric(key, step);
        _metrics.Add(new MlflowMetric(key, value, _run.Time.ToUnixTimeMilliseconds(), step));
    }

    /// <inheritdoc/>
    public void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0)
    {
        long timestamp = _run.Time.ToUnixTimeMilliseconds();
        foreach (RunMetric m in _state.CheckMetrics(metrics, step))
        {
            _metrics.Add(new MlflowMetric(m.Key, m.Value, timestamp, step));
        }
    }

    /// <inheritdoc/>
    public void LogParam(string key, string value)
    {
        if (_state.AddParam(key, value))
        {
            _params.Add(new(key, MlflowClient.CutParamValue(value)));
        }
    }

    /// <inheritdoc/>
    public void SetTag(string key, string value)
    {
        _state.CheckTag(key, value);
        _tags.RemoveAll(t => t.Key == key);
        _tags.Add(new(key, value));
    }

    /// <summary>Sends the run with <paramref name="status"/>.</summary>
    /// <exception cref="MlflowException">The server could not be reached or refused the run.</exception>
    public void Finish(RunStatus status = RunStatus.Finished)
    {
        _state.Finish(status);
        RunRecord described = _run with { Id = localRunId?.Invoke() ?? _run.Id, Tags = [.. _tags] };
        MlflowBatch own = MlflowClient.BatchFor(described, 0);
        var batch = new MlflowBatch([.. _metrics], [.. own.Params, .. _params], own.Tags);
        Result = client.LogRunAsync(described, experiment, batch, status).GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public void Dispose() => client.Dispose();
}
