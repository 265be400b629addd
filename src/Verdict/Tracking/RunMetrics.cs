using System.Globalization;
using Verdict.Counts;
using Verdict.Reports;
using Verdict.Thresholds;

namespace Verdict.Tracking;

/// <summary>
/// The metrics of one evaluation under tracking keys, ready to log: the keys the verdict CLI records in its run
/// history, sends to MLflow and writes to TensorBoard. Immutable.
/// </summary>
/// <remarks>
/// Keys are made by <see cref="MetricKeys"/> (MLflow-safe, unique within the set). Undefined values stay NaN.
/// </remarks>
/// <example>
/// For y_true = [a, a, b, b, c] and y_pred = [a, b, b, b, a] (<c>EvaluationReport.For(LabelEvaluation.FromLabels(...))</c>)
/// the per-class F1 are a: 0.5, b: 0.8, c: 0, so <c>metrics["f1_macro"]</c> = 1.3 / 3 = 0.4333…,
/// <c>metrics["accuracy"]</c> = 0.6 and <c>metrics["support_b"]</c> = 2.
/// </example>
public sealed class RunMetrics
{
    private readonly Dictionary<string, double> _byKey;

    private RunMetrics(IReadOnlyList<RunMetric> overall, IReadOnlyList<ClassMetric> perClass, double? threshold)
    {
        Overall = overall;
        PerClass = perClass;
        Threshold = threshold;
        All = [.. overall, .. perClass];
        _byKey = new Dictionary<string, double>(All.Count, StringComparer.Ordinal);
        foreach (RunMetric m in All)
        {
            _byKey[m.Key] = m.Value;
        }
    }

    /// <summary>Whole-set metrics, in report order.</summary>
    public IReadOnlyList<RunMetric> Overall { get; }

    /// <summary>Per-class metrics, class by class in label order.</summary>
    public IReadOnlyList<ClassMetric> PerClass { get; }

    /// <summary>Every metric: <see cref="Overall"/>, then <see cref="PerClass"/>.</summary>
    public IReadOnlyList<RunMetric> All { get; }

    /// <summary>
    /// For <see cref="FromThresholds"/>: the threshold the unsuffixed metrics (<c>f1</c>, <c>tp</c>, ...) are at, or
    /// null when there are none; null for a report.
    /// </summary>
    public double? Threshold { get; }

    /// <summary>The number of metrics.</summary>
    public int Count => All.Count;

    /// <summary>The value of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No metric has that key.</exception>
    public double this[string key] => _byKey.TryGetValue(key, out double v)
        ? v
        : throw new KeyNotFoundException($"no metric '{key}'; the keys are {string.Join(", ", All.Take(8).Select(m => m.Key))}{(All.Count > 8 ? ", ..." : string.Empty)}");

    /// <summary>The value of <paramref name="key"/>, if there is such a metric.</summary>
    public bool TryGetValue(string key, out double value) => _byKey.TryGetValue(key, out value);

    /// <summary>Every metric as key → value (NaN kept), in the order of <see cref="All"/>.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var d = new Dictionary<string, double>(All.Count, StringComparer.Ordinal);
        foreach (RunMetric m in All)
        {
            d.Add(m.Key, m.Value);
        }

        return d;
    }

    /// <summary>
    /// The same metrics with <paramref name="prefix"/> before every key, e.g. <c>val_</c> gives <c>val_f1_macro</c>,
    /// so the train and validation evaluations of one training run do not share keys. The result is sanitised and
    /// kept unique as by <see cref="MetricKeys"/>.
    /// </summary>
    public RunMetrics WithPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var keys = new MetricKeys();
        RunMetric[] overall = [.. Overall.Select(m => m with { Key = keys.Claim(prefix + m.Key) })];
        ClassMetric[] perClass = [.. PerClass.Select(c => c with { Key = keys.Claim(prefix + c.Key) })];
        return new RunMetrics(overall, perClass, Threshold);
    }

    /// <summary>
    /// The metrics of <paramref name="report"/>: the report's scalars as named (<c>accuracy</c>, <c>roc_auc</c>,
    /// ...), the classification report's averages as <c>precision_macro</c>, <c>recall_weighted</c>,
    /// <c>f1_micro</c>, ... (the "accuracy" row counts as micro), grouped metrics as <c>{group}_{key}</c>
    /// (<c>jaccard_macro</c>, <c>roc_auc_ovr_macro</c>, <c>top_k_accuracy_2</c>), and per class
    /// <c>precision_{class}</c>, <c>recall_{class}</c>, <c>f1_{class}</c>, <c>support_{class}</c> and the groups'
    /// per-class values (<c>roc_auc_{class}</c>, <c>average_precision_{class}</c>).
    /// </summary>
    public static RunMetrics FromReport(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var keys = new MetricKeys();
        var metrics = new List<RunMetric>();
        foreach (MetricValue m in report.Metrics)
        {
            metrics.Add(new RunMetric(keys.Claim(m.Name), m.Value));
        }

        foreach (ReportRow row in report.ClassificationReport.Averages)
        {
            string suffix = AverageSuffix(row.Name);
            metrics.Add(new RunMetric(keys.Claim("precision_" + suffix), row.Precision));
            metrics.Add(new RunMetric(keys.Claim("recall_" + suffix), row.Recall));
            metrics.Add(new RunMetric(keys.Claim("f1_" + suffix), row.FScore));
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.Values)
            {
                metrics.Add(new RunMetric(keys.Claim(g.Name + "_" + v.Name), v.Value));
            }
        }

        var perClass = new List<ClassMetric>();
        foreach (ReportRow row in report.ClassificationReport.Classes)
        {
            perClass.Add(keys.PerClass("precision", row.Name, row.Precision));
            perClass.Add(keys.PerClass("recall", row.Name, row.Recall));
            perClass.Add(keys.PerClass("f1", row.Name, row.FScore));
            perClass.Add(keys.PerClass("support", row.Name, row.Support));
        }

        foreach (MetricGroup g in report.Groups)
        {
            foreach (MetricValue v in g.PerClass ?? [])
            {
                perClass.Add(keys.PerClass(g.Name, v.Name, v.Value));
            }
        }

        return new RunMetrics(metrics, OrderByClass(perClass, report.Labels), threshold: null);
    }

    /// <summary>
    /// The metrics of a threshold table. With a selected operating point (or a single threshold) the metrics at that
    /// <see cref="Threshold"/> are unsuffixed: <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>specificity</c>,
    /// <c>fpr</c>, <c>accuracy</c>, <c>tp</c>, <c>fp</c>, <c>fn</c>, <c>tn</c>, plus <c>objective_value</c> for a
    /// selection. Rows of a table of up to <paramref name="maxGridRows"/> thresholds add <c>{metric}_at_{t}</c>, e.g.
    /// <c>f1_at_0.5</c> (larger tables, such as every distinct score, are left out).
    /// </summary>
    public static RunMetrics FromThresholds(ThresholdTable table, int maxGridRows = 100)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(maxGridRows);
        var keys = new MetricKeys();
        var metrics = new List<RunMetric>();
        double? threshold = null;
        if (table.Best is OperatingPoint best)
        {
            threshold = best.Threshold;
            AddCountMetrics(metrics, keys, best.Counts, string.Empty);
            metrics.Add(new RunMetric(keys.Claim("objective_value"), best.Value));
        }
        else if (table.Rows.Count == 1)
        {
            threshold = table.Rows[0].Threshold;
            AddCountMetrics(metrics, keys, table.Rows[0].Counts, string.Empty);
        }

        if (table.Rows.Count <= maxGridRows && !(table.Best is null && table.Rows.Count == 1))
        {
            foreach ((double t, BinaryCounts c) in table.Rows)
            {
                AddCountMetrics(metrics, keys, c, "_at_" + t.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return new RunMetrics(metrics, [], threshold);
    }

    private static void AddCountMetrics(List<RunMetric> metrics, MetricKeys keys, BinaryCounts c, string suffix)
    {
        foreach ((string name, double value) in ThresholdTable.Metrics(c))
        {
            metrics.Add(new RunMetric(keys.Claim(name + suffix), value));
        }

        if (suffix.Length == 0)
        {
            metrics.Add(new RunMetric(keys.Claim("tp"), c.TruePositives));
            metrics.Add(new RunMetric(keys.Claim("fp"), c.FalsePositives));
            metrics.Add(new RunMetric(keys.Claim("fn"), c.FalseNegatives));
            metrics.Add(new RunMetric(keys.Claim("tn"), c.TrueNegatives));
        }
    }

    private static string AverageSuffix(string rowName) => rowName switch
    {
        "accuracy" or "micro avg" => "micro",
        "macro avg" => "macro",
        "weighted avg" => "weighted",
        "samples avg" => "samples",
        _ => MetricKeys.Sanitize(rowName.Replace(" avg", string.Empty, StringComparison.Ordinal)),
    };

    /// <summary>Per-class metrics grouped class by class, in label order, metrics in the order first seen.</summary>
    private static ClassMetric[] OrderByClass(List<ClassMetric> perClass, IReadOnlyList<string> labels)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            rank.TryAdd(labels[i], i);
        }

        return [.. perClass
            .Select((m, i) => (m, i))
            .OrderBy(x => rank.TryGetValue(x.m.Class, out int r) ? r : int.MaxValue)
            .ThenBy(x => x.i)
            .Select(x => x.m)];
    }
}
