namespace Verdict.Curves;

/// <summary>
/// A detection error tradeoff curve (scikit-learn ≥ 1.7 <c>det_curve</c> convention, see
/// <see cref="BinaryCurve.Det(bool)"/>): false positive and false negative rates at thresholds in increasing order.
/// The last threshold is +∞ (FPR 0, FNR 1) exactly when the top-scored row is negative; the points before it then
/// share the lowest non-zero FPR.
/// </summary>
public sealed class DetCurve
{
    internal DetCurve(double[] falsePositiveRate, double[] falseNegativeRate, double[] thresholds)
    {
        FalsePositiveRate = falsePositiveRate;
        FalseNegativeRate = falseNegativeRate;
        Thresholds = thresholds;
    }

    /// <summary>FPR = FP / N at each threshold, decreasing.</summary>
    public IReadOnlyList<double> FalsePositiveRate { get; }

    /// <summary>FNR = FN / P (miss rate) at each threshold, increasing.</summary>
    public IReadOnlyList<double> FalseNegativeRate { get; }

    /// <summary>Thresholds, increasing.</summary>
    public IReadOnlyList<double> Thresholds { get; }
}
