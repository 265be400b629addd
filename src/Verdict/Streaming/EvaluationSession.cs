using Verdict.Counts;
using Verdict.Curves;
using Verdict.Evaluation;
using Verdict.Scores;

namespace Verdict.Streaming;

/// <summary>
/// A metric a session computes: its name and, for per-class scores, the average (and β for fbeta). Compared by
/// value. Names: precision, recall, f1, fbeta, jaccard, accuracy, balanced_accuracy, matthews_corrcoef,
/// cohen_kappa (from the confusion matrix); roc_auc, average_precision (from the curve of the positive class);
/// log_loss, brier_score (from probability sums).
/// </summary>
/// <param name="Name">Metric name.</param>
/// <param name="Average">Averaging of per-class scores (Binary uses the session's positive label).</param>
/// <param name="Beta">β of fbeta.</param>
public sealed record MetricRequest(string Name, Average Average = Average.Macro, double Beta = 1.0);

/// <summary>
/// Evaluates a declared set of metrics in one pass over batches, sharing sufficient statistics: every count metric
/// reads one confusion matrix, every curve metric one curve, every probability metric one set of sums. Which
/// statistic a metric needs is decided from its configuration by value (a statistic key), never from state, so two
/// F1s with different averages share the matrix and nothing is shared by accident. Mutable, not thread-safe:
/// one session per producer, then <see cref="Merge"/> (or <see cref="ConcurrentAccumulator{T}"/>).
/// </summary>
public sealed class EvaluationSession : IMergeable<EvaluationSession>
{
    private static readonly HashSet<string> CountMetrics = new(StringComparer.Ordinal)
    {
        "precision", "recall", "f1", "fbeta", "jaccard", "accuracy", "balanced_accuracy", "matthews_corrcoef", "cohen_kappa",
    };

    private static readonly HashSet<string> CurveMetrics = new(StringComparer.Ordinal) { "roc_auc", "average_precision" };
    private static readonly HashSet<string> ProbabilityMetrics = new(StringComparer.Ordinal) { "log_loss", "brier_score" };

    private readonly MetricRequest[] _metrics;
    private readonly Dictionary<StatisticKey, object> _statistics = [];

    /// <summary>A session computing <paramref name="metrics"/>; <paramref name="positive"/> is the positive label for binary averaging and curves.</summary>
    /// <exception cref="ArgumentException">An unknown metric name, or a curve or probability metric without a positive label.</exception>
    public EvaluationSession(IEnumerable<MetricRequest> metrics, string? positive = null, bool weighted = false)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = [.. metrics.Distinct()];
        Positive = positive;
        IsWeighted = weighted;
        foreach (MetricRequest m in _metrics)
        {
            StatisticKey key = KeyOf(m);
            if (!_statistics.ContainsKey(key))
            {
                _statistics[key] = key.Kind switch
                {
                    StatisticKind.Confusion => new LabelCountsAccumulator(weighted),
                    StatisticKind.Curve => new ScoreAccumulator(1, 1, weighted),
                    _ => new ProbabilityAccumulator(),
                };
            }
        }
    }

    /// <summary>The positive label, or null.</summary>
    public string? Positive { get; }

    /// <summary>Whether rows carry sample weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>The declared metrics, without duplicates.</summary>
    public IReadOnlyList<MetricRequest> Metrics => _metrics;

    /// <summary>How many sufficient statistics the declared metrics need (e.g. 1 for any set of count metrics).</summary>
    public int StatisticCount => _statistics.Count;

    /// <summary>
    /// Adds a batch. <paramref name="predicted"/> is needed by count metrics; <paramref name="scores"/> (the positive
    /// class's score or probability, one per row) by curve and probability metrics.
    /// </summary>
    public void Add(IReadOnlyList<string> actual, IReadOnlyList<string>? predicted, ReadOnlySpan<double> scores = default,
                    ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(actual);
        int[]? targets = null;
        bool[]? positives = null;
        foreach (KeyValuePair<StatisticKey, object> kv in _statistics)
        {
            switch (kv.Value)
            {
                case LabelCountsAccumulator counts:
                    counts.Add(actual, predicted ?? throw new ArgumentNullException(nameof(predicted), "Count metrics need predicted labels."), weights);
                    break;
                case ScoreAccumulator curve:
                    targets ??= [.. actual.Select(a => a == Positive ? 1 : 0)];
                    curve.Add(scores, targets, weights);
                    break;
                case ProbabilityAccumulator probabilities:
                    positives ??= [.. actual.Select(a => a == Positive)];
                    probabilities.Add(scores, positives, weights);
                    break;
            }
        }
    }

    /// <summary>Adds another session's statistics; both must declare the same metrics and configuration.</summary>
    public void Merge(EvaluationSession other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other._metrics.ToHashSet().SetEquals(_metrics) || other.Positive != Positive || other.IsWeighted != IsWeighted)
        {
            throw new ArgumentException("Sessions declare different metrics, positive labels or weighting and cannot be merged.", nameof(other));
        }

        foreach (KeyValuePair<StatisticKey, object> kv in _statistics)
        {
            switch (kv.Value)
            {
                case LabelCountsAccumulator a:
                    a.Merge((LabelCountsAccumulator)other._statistics[kv.Key]);
                    break;
                case ScoreAccumulator a:
                    a.Merge((ScoreAccumulator)other._statistics[kv.Key]);
                    break;
                case ProbabilityAccumulator a:
                    a.Merge((ProbabilityAccumulator)other._statistics[kv.Key]);
                    break;
            }
        }
    }

    /// <summary>Clears every statistic.</summary>
    public void Reset()
    {
        foreach (object s in _statistics.Values)
        {
            switch (s)
            {
                case LabelCountsAccumulator a: a.Reset(); break;
                case ScoreAccumulator a: a.Reset(); break;
                case ProbabilityAccumulator a: a.Reset(); break;
            }
        }
    }

    /// <summary>Every declared metric's value (NaN where undefined). Idempotent: computing does not change the statistics.</summary>
    public IReadOnlyDictionary<MetricRequest, double> Compute()
    {
        var results = new Dictionary<MetricRequest, double>();
        LabelEvaluation? evaluation = null;
        BinaryCurve? curve = null;
        foreach (MetricRequest m in _metrics)
        {
            object statistic = _statistics[KeyOf(m)];
            results[m] = statistic switch
            {
                LabelCountsAccumulator counts => CountMetric(m, evaluation ??= counts.ToEvaluation()),
                ScoreAccumulator scores => m.Name == "roc_auc" ? (curve ??= scores.ToCurve()).RocAuc() : (curve ??= scores.ToCurve()).AveragePrecision(),
                ProbabilityAccumulator p => m.Name == "log_loss" ? p.LogLoss : p.BrierScore,
                _ => double.NaN,
            };
        }

        return results;
    }

    private double CountMetric(MetricRequest m, LabelEvaluation e)
    {
        switch (m.Name)
        {
            case "accuracy": return ConfusionScores.Accuracy(e.Matrix);
            case "balanced_accuracy": return ConfusionScores.BalancedAccuracy(e.Matrix);
            case "matthews_corrcoef": return ConfusionScores.MatthewsCorrelation(e.Matrix);
            case "cohen_kappa": return ConfusionScores.CohenKappa(e.Matrix);
        }

        BinaryCounts[] counts = e.CountsFor(m.Average, Positive ?? "1");
        double beta = m.Name == "f1" ? 1.0 : m.Beta;
        Func<BinaryCounts, double> score = m.Name switch
        {
            "precision" => c => Score.Precision(c),
            "recall" => c => Score.Recall(c),
            "jaccard" => c => Score.Jaccard(c),
            _ => c => Score.FBeta(c, beta),
        };
        return Averaging.Apply(counts, null, m.Average, score);
    }

    private StatisticKey KeyOf(MetricRequest m)
    {
        if (CountMetrics.Contains(m.Name))
        {
            if (m.Average is Average.None or Average.Samples)
            {
                throw new ArgumentException($"{m.Name}: a session computes one number per metric; use binary, micro, macro or weighted averaging.", nameof(m));
            }

            return new StatisticKey(StatisticKind.Confusion, IsWeighted, null);
        }

        if (Positive is null)
        {
            throw new ArgumentException($"{m.Name} needs the positive label the scores are for.", nameof(m));
        }

        if (CurveMetrics.Contains(m.Name))
        {
            return new StatisticKey(StatisticKind.Curve, IsWeighted, Positive);
        }

        if (ProbabilityMetrics.Contains(m.Name))
        {
            return new StatisticKey(StatisticKind.Probability, IsWeighted, Positive);
        }

        throw new ArgumentException($"Unknown metric '{m.Name}'.", nameof(m));
    }

    private enum StatisticKind
    {
        Confusion,
        Curve,
        Probability,
    }

    private readonly record struct StatisticKey(StatisticKind Kind, bool Weighted, string? Positive);
}
