namespace Verdict.Tracking;

/// <summary>
/// The bookkeeping every run logger shares: argument checks, the set-once rule of params and the finished state
/// (the rules of <see cref="IRunLogger"/>). Not thread-safe.
/// </summary>
internal sealed class RunLogState
{
    private readonly Dictionary<string, string> _params = new(StringComparer.Ordinal);

    /// <summary>Params logged so far, in order.</summary>
    public IReadOnlyDictionary<string, string> Params => _params;

    /// <summary>The status <see cref="Finish"/> was given, or null while the run is open.</summary>
    public RunStatus? Status { get; private set; }

    /// <summary>Whether <see cref="Finish"/> was called.</summary>
    public bool IsFinished => Status is not null;

    /// <summary>Checks one metric call.</summary>
    public void CheckMetric(string key, long step)
    {
        CheckOpen();
        CheckKey(key, nameof(key));
        CheckStep(step);
    }

    /// <summary>Checks a batch of metrics and takes it as a list (so it is enumerated once).</summary>
    public RunMetric[] CheckMetrics(IEnumerable<RunMetric> metrics, long step)
    {
        CheckOpen();
        ArgumentNullException.ThrowIfNull(metrics);
        CheckStep(step);
        RunMetric[] list = [.. metrics];
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"metric {i} is null", nameof(metrics));
            }

            if (string.IsNullOrEmpty(list[i].Key))
            {
                throw new ArgumentException($"metric {i} has no key; give each metric a key such as 'f1_macro'", nameof(metrics));
            }
        }

        return list;
    }

    /// <summary>Checks a param and records it; false when the same key already has this value (nothing to do).</summary>
    /// <exception cref="ArgumentException">The key has another value.</exception>
    public bool AddParam(string key, string value)
    {
        CheckOpen();
        CheckKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(value);
        if (_params.TryGetValue(key, out string? old))
        {
            return old == value
                ? false
                : throw new ArgumentException($"param '{key}' is already '{old}'; a param is set once per run (log '{value}' under another key, or as a tag)", nameof(key));
        }

        _params.Add(key, value);
        return true;
    }

    /// <summary>Checks a tag.</summary>
    public void CheckTag(string key, string value)
    {
        CheckOpen();
        CheckKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(value);
    }

    /// <summary>Ends the run.</summary>
    public void Finish(RunStatus status)
    {
        CheckOpen();
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "the status is Finished, Failed or Killed");
        }

        Status = status;
    }

    /// <summary>Throws when the run is finished.</summary>
    public void CheckOpen()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("the run is finished; use a new logger for a new run");
        }
    }

    private static void CheckKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length == 0)
        {
            throw new ArgumentException("the key is empty; give a name such as 'f1_macro'", paramName);
        }
    }

    private static void CheckStep(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "steps count from 0");
        }
    }
}
