namespace Verdict.Tracking;

/// <summary>
/// A run logger that passes every call on to several loggers, in the order given: log once, reach the local history,
/// TensorBoard and MLflow alike.
/// </summary>
/// <remarks>
/// <para>Failures: the arguments are checked once, here, before any logger sees them (an invalid call throws as
/// <see cref="IRunLogger"/> says and reaches no one). A logger that throws does not stop the others: every logger
/// gets the call, then the failures are thrown together as one <see cref="RunLoggerException"/> that says which
/// logger failed with what. Later calls still go to every logger, including one that failed before; stop calling
/// (or build a new composite without it) if that is not wanted.</para>
/// <para>The composite owns its loggers: <see cref="Dispose"/> disposes those that are <see cref="IDisposable"/>.
/// Not thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// using var run = new CompositeRunLogger(new TensorBoardLogger("runs/fraud"), memory);
/// run.LogReport(report, step: epoch);
/// run.Finish();
/// </code>
/// </example>
public sealed class CompositeRunLogger : IRunLogger, IDisposable
{
    private readonly IRunLogger[] _loggers;
    private readonly RunLogState _state = new();
    private bool _disposed;

    /// <summary>A logger that passes every call to <paramref name="loggers"/>, in order.</summary>
    public CompositeRunLogger(params IEnumerable<IRunLogger> loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _loggers = [.. loggers];
        for (int i = 0; i < _loggers.Length; i++)
        {
            if (_loggers[i] is null)
            {
                throw new ArgumentException($"logger {i} is null", nameof(loggers));
            }
        }
    }

    /// <summary>The loggers, in the order they are called.</summary>
    public IReadOnlyList<IRunLogger> Loggers => _loggers;

    /// <inheritdoc/>
    public void LogMetric(string key, double value, long step = 0)
    {
        _state.CheckMetric(key, step);
        Fan(l => l.LogMetric(key, value, step));
    }

    /// <inheritdoc/>
    public void LogMetrics(IEnumerable<RunMetric> metrics, long step = 0)
    {
        RunMetric[] list = _state.CheckMetrics(metrics, step);
        Fan(l => l.LogMetrics(list, step));
    }

    /// <inheritdoc/>
    public void LogParam(string key, string value)
    {
        if (_state.AddParam(key, value))
        {
            Fan(l => l.LogParam(key, value));
        }
    }

    /// <inheritdoc/>
    public void SetTag(string key, string value)
    {
        _state.CheckTag(key, value);
        Fan(l => l.SetTag(key, value));
    }

    /// <inheritdoc/>
    public void Finish(RunStatus status = RunStatus.Finished)
    {
        _state.Finish(status);
        Fan(l => l.Finish(status));
    }

    /// <summary>Disposes the loggers that are <see cref="IDisposable"/>, each even when an earlier one throws.</summary>
    /// <exception cref="RunLoggerException">One or more loggers threw while being disposed.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Fan(l => (l as IDisposable)?.Dispose());
    }

    private void Fan(Action<IRunLogger> call)
    {
        List<RunLoggerFailure>? failures = null;
        foreach (IRunLogger logger in _loggers)
        {
            try
            {
                call(logger);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                (failures ??= []).Add(new RunLoggerFailure(logger, e));
            }
        }

        if (failures is not null)
        {
            throw new RunLoggerException(failures, _loggers.Length);
        }
    }
}

/// <summary>One logger's failure within a <see cref="CompositeRunLogger"/> call.</summary>
/// <param name="Logger">The logger that threw.</param>
/// <param name="Exception">What it threw.</param>
public sealed record RunLoggerFailure(IRunLogger Logger, Exception Exception);

/// <summary>
/// One or more loggers of a <see cref="CompositeRunLogger"/> failed; the others had the call. <see cref="Failures"/>
/// says which logger threw what (also in <see cref="AggregateException.InnerExceptions"/>, same order).
/// </summary>
public sealed class RunLoggerException : AggregateException
{
    /// <summary>An exception without failures.</summary>
    public RunLoggerException()
        : this("a run logger failed")
    {
    }

    /// <summary>An exception without failures, with <paramref name="message"/>.</summary>
    public RunLoggerException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>An exception with <paramref name="message"/> and one inner exception (no logger known).</summary>
    public RunLoggerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    /// <summary>The failures of one call to <paramref name="loggerCount"/> loggers.</summary>
    public RunLoggerException(IReadOnlyList<RunLoggerFailure> failures, int loggerCount)
        : base(Describe(failures, loggerCount), (failures ?? []).Select(f => f.Exception))
    {
        Failures = failures ?? [];
    }

    /// <summary>Which logger threw what, in the order the loggers were called.</summary>
    public IReadOnlyList<RunLoggerFailure> Failures { get; }

    private static string Describe(IReadOnlyList<RunLoggerFailure>? failures, int loggerCount)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return $"{failures.Count} of {loggerCount} run loggers failed ({string.Join(", ", failures.Select(f => f.Logger.GetType().Name))}); the others had the call";
    }
}
