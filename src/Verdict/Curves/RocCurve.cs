namespace Verdict.Curves;

/// <summary>
/// A receiver operating characteristic curve (scikit-learn ≥ 1.3 <c>roc_curve</c>): false and true positive
/// rates at thresholds in decreasing order, the first threshold being +∞ (the point (0, 0): predict nothing).
/// Point i predicts positive every row with score &gt;= <c>Thresholds[i]</c>.
/// </summary>
public sealed class RocCurve
{
    internal RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds)
    {
        FalsePositiveRate = falsePositiveRate;
        TruePositiveRate = truePositiveRate;
        Thresholds = thresholds;
    }

    /// <summary>FPR = FP / N at each threshold, increasing; NaN everywhere when there are no negatives.</summary>
    public IReadOnlyList<double> FalsePositiveRate { get; }

    /// <summary>TPR = TP / P (recall) at each threshold, increasing; NaN everywhere when there are no positives.</summary>
    public IReadOnlyList<double> TruePositiveRate { get; }

    /// <summary>Thresholds, decreasing; the first is +∞.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Number of points.</summary>
    public int Count => Thresholds.Count;
}
