using System.Globalization;
using Verdict.Curves;
using Verdict.Probabilistic;
using Verdict.Scores;

namespace Verdict.Reports;

/// <summary>
/// The threshold-free part of a report, computed from scores and added to an <see cref="EvaluationReport"/> with
/// scikit-learn's names: roc_auc, average_precision, log_loss, brier_score and (multiclass) top_k_accuracy.
/// Each binary metric folds over one <see cref="BinaryCurve"/> (one sort). Undefined values (one class present)
/// are NaN with a note. Log loss and Brier need probabilities: for scores outside [0, 1] they are left out with a note.
/// </summary>
public static class ScoreMetrics
{
    /// <summary>Binary: <paramref name="scores"/> of the positive class, <paramref name="positives"/> the actual labels.</summary>
    public static void AddBinary(EvaluationReport report, ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives,
                                 ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        BinaryCurve curve = BinaryCurve.Compute(scores, positives, weights);
        double auc = curve.RocAuc();
        report.AddMetric(new MetricValue("roc_auc", auc));
        report.AddMetric(new MetricValue("average_precision", curve.AveragePrecision()));
        if (double.IsNaN(auc))
        {
            report.AddNote("roc_auc is undefined: only one class is present in the actual labels");
        }

        if (AreProbabilities(scores))
        {
            report.AddMetric(new MetricValue("log_loss", LogLoss.Binary(scores, positives, weights)));
            report.AddMetric(new MetricValue("brier_score", BrierScore.Binary(scores, positives, weights)));
        }
        else
        {
            report.AddNote("log_loss and brier_score are left out: the scores are not probabilities (some lie outside [0, 1])");
        }
    }

    /// <summary>
    /// Multiclass: <paramref name="labels"/> are class indices into <paramref name="names"/>, <paramref name="probabilities"/>
    /// row-major with one column per class in the same order (rows summing to 1). Adds roc_auc (ovr_macro, ovr_weighted,
    /// ovo_macro, ovo_weighted, per_class), average_precision (micro, macro, weighted, per_class), log_loss, brier_score
    /// and top_k_accuracy for each k in <paramref name="topK"/> below the class count.
    /// </summary>
    public static void AddMulticlass(EvaluationReport report, ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities,
                                     IReadOnlyList<string> names, ReadOnlySpan<double> weights = default, IReadOnlyList<int>? topK = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(names);
        int k = names.Count;
        double[] perClassAuc = MulticlassAuc.OneVsRestPerClass(labels, probabilities, k, weights);
        var auc = new List<MetricValue>
        {
            new("ovr_macro", MulticlassAuc.OneVsRest(labels, probabilities, k, Average.Macro, weights)),
            new("ovr_weighted", MulticlassAuc.OneVsRest(labels, probabilities, k, Average.Weighted, weights)),
        };
        if (weights.IsEmpty)
        {
            auc.Add(new("ovo_macro", MulticlassAuc.OneVsOne(labels, probabilities, k, Average.Macro)));
            auc.Add(new("ovo_weighted", MulticlassAuc.OneVsOne(labels, probabilities, k, Average.Weighted)));
        }
        else
        {
            report.AddNote("roc_auc one-vs-one is left out: it is not defined with sample weights (as in scikit-learn)");
        }

        report.AddGroup(new MetricGroup("roc_auc", auc, PerClass(names, perClassAuc)));
        for (int c = 0; c < k; c++)
        {
            if (double.IsNaN(perClassAuc[c]))
            {
                report.AddNote($"roc_auc of '{names[c]}' is undefined: the class has no rows, or every row is the class");
            }
        }

        double[] perClassAp = MulticlassAuc.AveragePrecisionPerClass(labels, probabilities, k, weights);
        report.AddGroup(new MetricGroup("average_precision",
        [
            new("micro", MulticlassAuc.AveragePrecision(labels, probabilities, k, Average.Micro, weights)),
            new("macro", MulticlassAuc.AveragePrecision(labels, probabilities, k, Average.Macro, weights)),
            new("weighted", MulticlassAuc.AveragePrecision(labels, probabilities, k, Average.Weighted, weights)),
        ], PerClass(names, perClassAp)));
        report.AddMetric(new MetricValue("log_loss", LogLoss.Multiclass(labels, probabilities, k, weights)));
        report.AddMetric(new MetricValue("brier_score", BrierScore.Multiclass(labels, probabilities, k, weights)));
        var top = new List<MetricValue>();
        foreach (int kk in topK ?? [2, 3, 5])
        {
            if (kk >= 1 && kk < k)
            {
                top.Add(new(kk.ToString(CultureInfo.InvariantCulture), TopKAccuracy.Compute(labels, probabilities, k, kk, weights)));
            }
        }

        if (top.Count > 0)
        {
            report.AddGroup(new MetricGroup("top_k_accuracy", top));
        }
    }

    /// <summary>
    /// Multilabel: <paramref name="indicator"/> and <paramref name="scores"/> row-major with one column per label.
    /// Adds roc_auc and average_precision with micro, macro, weighted and samples averages and per-label values.
    /// </summary>
    public static void AddMultilabel(EvaluationReport report, ReadOnlySpan<bool> indicator, ReadOnlySpan<double> scores,
                                     IReadOnlyList<string> names, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(names);
        int k = names.Count;
        double[] aucs = MultilabelAuc.RocAucPerLabel(indicator, scores, k, weights);
        report.AddGroup(new MetricGroup("roc_auc",
        [
            new("micro", MultilabelAuc.RocAuc(indicator, scores, k, Average.Micro, weights)),
            new("macro", MultilabelAuc.RocAuc(indicator, scores, k, Average.Macro, weights)),
            new("weighted", MultilabelAuc.RocAuc(indicator, scores, k, Average.Weighted, weights)),
            new("samples", MultilabelAuc.RocAuc(indicator, scores, k, Average.Samples, weights)),
        ], PerClass(names, aucs)));
        report.AddGroup(new MetricGroup("average_precision",
        [
            new("micro", MultilabelAuc.AveragePrecision(indicator, scores, k, Average.Micro, weights)),
            new("macro", MultilabelAuc.AveragePrecision(indicator, scores, k, Average.Macro, weights)),
            new("weighted", MultilabelAuc.AveragePrecision(indicator, scores, k, Average.Weighted, weights)),
            new("samples", MultilabelAuc.AveragePrecision(indicator, scores, k, Average.Samples, weights)),
        ], PerClass(names, MultilabelAuc.AveragePrecisionPerLabel(indicator, scores, k, weights))));
        for (int c = 0; c < k; c++)
        {
            if (double.IsNaN(aucs[c]))
            {
                report.AddNote($"roc_auc of label '{names[c]}' is undefined: it is 0 in every row or 1 in every row");
            }
        }
    }

    /// <summary>Whether every score lies in [0, 1].</summary>
    public static bool AreProbabilities(ReadOnlySpan<double> scores)
    {
        foreach (double s in scores)
        {
            if (!(s >= 0 && s <= 1))
            {
                return false;
            }
        }

        return true;
    }

    private static MetricValue[] PerClass(IReadOnlyList<string> names, double[] values) =>
        [.. names.Select((n, i) => new MetricValue(n, values[i]))];
}
