using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Labels;
using Verdict.Scores;

namespace Verdict.Reports;

/// <summary>A named scalar metric of an evaluation (NaN when undefined; the report's notes say why).</summary>
/// <param name="Name">scikit-learn's name, e.g. "balanced_accuracy".</param>
/// <param name="Value">The value.</param>
public sealed record MetricValue(string Name, double Value);

/// <summary>A metric with several named values, e.g. jaccard by average or roc_auc by averaging scheme.</summary>
/// <param name="Name">Metric name, e.g. "jaccard".</param>
/// <param name="Values">Values by key ("micro", "macro", ...), in order.</param>
/// <param name="PerClass">Per-class (or per-label) values keyed by class name, or null.</param>
public sealed record MetricGroup(string Name, IReadOnlyList<MetricValue> Values, IReadOnlyList<MetricValue>? PerClass = null);

/// <summary>
/// Everything <c>verdict report</c> shows for one prediction set: the task, the labels, scikit-learn's
/// classification report, the confusion matrix (per-label 2×2 matrices for multilabel), the whole-set metrics
/// and the notes on undefined values. Data only; renderers make text, JSON, Markdown and CSV of it.
/// </summary>
public sealed class EvaluationReport
{
    private readonly List<string> _notes;
    private readonly List<MetricValue> _metrics;
    private readonly List<MetricGroup> _groups;

    private EvaluationReport(TaskKind task, long rows, IReadOnlyList<string> labels, LabelKind labelKind,
                             ClassificationReport report, double[][][] matrices, IReadOnlyList<MetricValue> metrics,
                             MetricGroup jaccard, List<string> notes, ZeroDivision zeroDivision)
    {
        Task = task;
        Rows = rows;
        Labels = labels;
        LabelKind = labelKind;
        ClassificationReport = report;
        Matrices = matrices;
        _metrics = [.. metrics];
        _groups = [jaccard];
        _notes = notes;
        ZeroDivision = zeroDivision;
    }

    /// <summary>Binary, multiclass or multilabel.</summary>
    public TaskKind Task { get; }

    /// <summary>Rows evaluated.</summary>
    public long Rows { get; }

    /// <summary>Label names in report order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Whether labels are numbers or text (JSON writes numeric labels as numbers).</summary>
    public LabelKind LabelKind { get; }

    /// <summary>scikit-learn's classification report.</summary>
    public ClassificationReport ClassificationReport { get; }

    /// <summary>
    /// Single-label: one K×K confusion matrix (rows actual, columns predicted) over the report's labels.
    /// Multilabel: one [[TN, FP], [FN, TP]] matrix per label.
    /// </summary>
    public IReadOnlyList<double[][]> Matrices { get; }

    /// <summary>
    /// Whole-set metrics in order: accuracy, balanced_accuracy, matthews_corrcoef, cohen_kappa, hamming_loss
    /// (single-label) or accuracy (subset) and hamming_loss (multilabel), then any added.
    /// </summary>
    public IReadOnlyList<MetricValue> Metrics => _metrics;

    /// <summary>Metrics with several values: jaccard by average (micro, macro, weighted; samples for multilabel), then any added.</summary>
    public IReadOnlyList<MetricGroup> Groups => _groups;

    /// <summary>The positive label of a binary report, or null.</summary>
    public string? Positive { get; private set; }

    /// <summary>
    /// One-vs-rest counts of each label in <see cref="Labels"/> order, over every row (so TN counts rows of labels
    /// left out by a selection): the statistic per-class and averaged rules are scored from.
    /// </summary>
    public IReadOnlyList<BinaryCounts> ClassCounts { get; private init; } = [];

    /// <summary>Adds a scalar metric (e.g. roc_auc from scores).</summary>
    public void AddMetric(MetricValue metric) => _metrics.Add(metric);

    /// <summary>Adds a metric group (e.g. roc_auc by averaging scheme).</summary>
    public void AddGroup(MetricGroup group) => _groups.Add(group);

    /// <summary>Notes: every undefined cell and why, and anything the caller adds (e.g. skipped rows).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The zero-division policy used.</summary>
    public ZeroDivision ZeroDivision { get; }

    /// <summary>Adds a note (e.g. how many input rows were skipped and why).</summary>
    public void AddNote(string note) => _notes.Add(note);

    /// <summary>The report of single-label predictions.</summary>
    /// <remarks>
    /// With a <paramref name="positive"/> label on binary data, the metrics add precision, recall and f1 of that class
    /// (scikit-learn's <c>average="binary"</c>).
    /// </remarks>
    public static EvaluationReport For(LabelEvaluation evaluation, ZeroDivision zeroDivision = ZeroDivision.Zero, string? positive = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ConfusionMatrix all = evaluation.Matrix;
        ClassificationReport report = ClassificationReport.For(evaluation, zeroDivision);
        var notes = report.Undefined.Select(u => u.ToString()).ToList();
        IReadOnlyList<string> names = evaluation.SelectedNames;
        double kappa = ConfusionScores.CohenKappa(evaluation.SelectedMatrix());
                var metrics = new List<MetricValue>
        {
            new("accuracy", ConfusionScores.Accuracy(all)),
            new("balanced_accuracy", ConfusionScores.BalancedAccuracy(all)),
            new("matthews_corrcoef", ConfusionScores.MatthewsCorrelation(all)),
            new("cohen_kappa", kappa),
            new("hamming_loss", ConfusionScores.HammingLoss(all)),
        };
        for (int k = 0; k < all.ClassCount; k++)
        {
            if (all.RowSum(k) == 0 && evaluation.PresentNames().Contains(evaluation.Labels[k]))
            {
                notes.Add($"balanced_accuracy leaves out '{evaluation.Labels[k]}': it has no true samples");
            }
        }

        if (IsMccUndefined(all))
        {
            notes.Add("matthews_corrcoef is undefined (only one class among the actual or the predicted labels); reported as 0 as scikit-learn does");
        }

        if (double.IsNaN(kappa))
        {
            notes.Add("cohen_kappa is undefined: the expected disagreement is 0 (one class only)");
        }

        if (positive is not null)
        {
            BinaryCounts p = evaluation.CountsFor(Average.Binary, positive)[0];
            metrics.Add(new MetricValue("precision", Score.Precision(p, zeroDivision)));
            metrics.Add(new MetricValue("recall", Score.Recall(p, zeroDivision)));
            metrics.Add(new MetricValue("f1", Score.F1(p, zeroDivision)));
        }

        BinaryCounts[] counts = evaluation.SelectedCounts();
        var jaccard = JaccardAverages(counts, null, zeroDivision);
        return new EvaluationReport(evaluation.Task, all.Rows, names, evaluation.Labels.Kind, report,
            [evaluation.SelectedMatrix().ToArray()], metrics, jaccard, notes, zeroDivision) { Positive = positive, ClassCounts = counts };
    }

    /// <summary>The report of multilabel predictions; <paramref name="names"/> names the label columns.</summary>
    public static EvaluationReport For(MultilabelCounts counts, IReadOnlyList<string> names, bool weighted,
                                       ZeroDivision zeroDivision = ZeroDivision.Zero)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(names);
        ClassificationReport report = ClassificationReport.For(counts, names, weighted, zeroDivision);
        var notes = report.Undefined.Select(u => u.ToString()).ToList();
        var metrics = new List<MetricValue>
        {
            new("accuracy", ConfusionScores.SubsetAccuracy(counts)),
            new("hamming_loss", ConfusionScores.HammingLoss(counts, counts.Columns.Count)),
        };
        double[][][] matrices = counts.Labels
            .Select(c => new[] { new[] { c.TrueNegatives, c.FalsePositives }, new[] { c.FalseNegatives, c.TruePositives } })
            .ToArray();
        var jaccard = JaccardAverages(counts.Labels.ToArray(), counts.Samples, zeroDivision);
        LabelKind kind = LabelMap.InOrder(names).Kind;
        return new EvaluationReport(TaskKind.Multilabel, counts.Rows, names, kind, report, matrices, metrics, jaccard, notes, zeroDivision)
        {
            ClassCounts = [.. counts.Labels],
        };
    }

    private static bool IsMccUndefined(ConfusionMatrix m)
    {
        int rows = 0, cols = 0;
        for (int k = 0; k < m.ClassCount; k++)
        {
            rows += m.RowSum(k) > 0 ? 1 : 0;
            cols += m.ColumnSum(k) > 0 ? 1 : 0;
        }

        // The same structural test MatthewsCorrelation makes.
        return rows <= 1 || cols <= 1;
    }

    private static MetricGroup JaccardAverages(BinaryCounts[] counts, SampleCounts? samples, ZeroDivision zd)
    {
        var values = new List<MetricValue>
        {
            new("micro", Averaging.Apply(counts, samples, Average.Micro, c => Score.Jaccard(c, zd))),
            new("macro", Averaging.Apply(counts, samples, Average.Macro, c => Score.Jaccard(c, zd))),
            new("weighted", Averaging.Apply(counts, samples, Average.Weighted, c => Score.Jaccard(c, zd))),
        };
        if (samples is not null)
        {
            values.Add(new("samples", Averaging.Apply(counts, samples, Average.Samples, c => Score.Jaccard(c, zd))));
        }

        return new MetricGroup("jaccard", values);
    }
}
