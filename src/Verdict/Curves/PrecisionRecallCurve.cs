namespace Verdict.Curves;

/// <summary>
/// A precision-recall curve in scikit-learn's layout (<c>precision_recall_curve</c>): <see cref="Thresholds"/>
/// increase; <see cref="Precision"/> and <see cref="Recall"/> have one more element than the thresholds, the last
/// being (precision 1, recall 0), which has no threshold.
/// </summary>
public sealed class PrecisionRecallCurve
{
    internal PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds)
    {
        Precision = precision;
        Recall = recall;
        Thresholds = thresholds;
    }

    /// <summary>Precision TP / (TP + FP) at each threshold (0 when nothing is predicted), then 1.</summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>Recall TP / P at each threshold, decreasing (1 everywhere when there are no positives), then 0.</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>Thresholds, increasing.</summary>
    public IReadOnlyList<double> Thresholds { get; }
}
