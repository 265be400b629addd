using Verdict.Counts;
using Verdict.Curves;
using Verdict.Scores;

namespace Verdict.Thresholds;

/// <summary>
/// Constrained operating points read off an exact (or binned) curve, as TorchMetrics'
/// <c>recall_at_fixed_precision</c> family. The candidates are threshold +∞ (predict nothing) and every curve
/// threshold (score &gt;= t is positive).
/// </summary>
/// <remarks>
/// <para><b>Tie rule.</b> Among candidates with the same best value, the highest threshold wins (fewest predicted
/// positives), which also gives the best value of the constrained quantity among those ties.</para>
/// <para><b>Undefined.</b> A candidate whose constrained or optimised score is undefined (precision with nothing
/// predicted, rates over an absent class) is skipped. When no candidate meets the constraint, the result is null.</para>
/// </remarks>
/// <example>
/// <code>
/// var curve = BinaryCurve.Compute(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true });
/// OperatingPoints.RecallAtPrecision(curve, 0.6);   // threshold 0.35, recall 1 (precision 2/3)
/// OperatingPoints.EqualErrorRate(curve);           // threshold 0.4: FPR 0.5, FNR 0.5, value 0.5
/// </code>
/// </example>
public static class OperatingPoints
{
    /// <summary>The highest recall TP/P among thresholds with precision TP/(TP+FP) &gt;= <paramref name="minPrecision"/>.</summary>
    public static OperatingPoint? RecallAtPrecision(BinaryCurve curve, double minPrecision) =>
        Candidates.Best(curve,
            c => c.PredictedPositives > 0 && Score.Precision(c) >= minPrecision,
            c => Score.Recall(c, ZeroDivision.NaN));

    /// <summary>The highest precision among thresholds with recall &gt;= <paramref name="minRecall"/> (nothing predicted: skipped).</summary>
    public static OperatingPoint? PrecisionAtRecall(BinaryCurve curve, double minRecall) =>
        Candidates.Best(curve,
            c => c.Support > 0 && Score.Recall(c) >= minRecall,
            c => Score.Precision(c, ZeroDivision.NaN));

    /// <summary>The highest sensitivity (TPR) among thresholds with specificity TN/(TN+FP) &gt;= <paramref name="minSpecificity"/>.</summary>
    public static OperatingPoint? SensitivityAtSpecificity(BinaryCurve curve, double minSpecificity) =>
        Candidates.Best(curve,
            c => c.Negatives > 0 && Score.Specificity(c) >= minSpecificity,
            c => Score.Recall(c, ZeroDivision.NaN));

    /// <summary>The highest specificity among thresholds with sensitivity (TPR) &gt;= <paramref name="minSensitivity"/>.</summary>
    public static OperatingPoint? SpecificityAtSensitivity(BinaryCurve curve, double minSensitivity) =>
        Candidates.Best(curve,
            c => c.Support > 0 && Score.Recall(c) >= minSensitivity,
            c => Score.Specificity(c, ZeroDivision.NaN));

    /// <summary>
    /// The equal error rate: the candidate minimising |FNR − FPR| (FNR = FN/P, FPR = FP/N), with
    /// <see cref="OperatingPoint.Value"/> = (FPR + FNR) / 2 there. Null when either class is absent. For the rate
    /// where the linearly interpolated ROC crosses FPR = FNR use <see cref="InterpolatedEqualErrorRate"/>.
    /// </summary>
    public static OperatingPoint? EqualErrorRate(BinaryCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(curve.Positives > 0) || !(curve.Negatives > 0))
        {
            return null;
        }

        // |FNR − FPR| = |FN·N − FP·P| / (P·N): comparing the numerators keeps integer-count ties exact.
        double positives = curve.Positives, negatives = curve.Negatives;
        OperatingPoint? best = Candidates.Best(curve, _ => true,
            c => Math.Abs((c.FalseNegatives * negatives) - (c.FalsePositives * positives)), minimise: true);
        if (best is not { } p)
        {
            return null;
        }

        return p with { Value = (Fpr(p.Counts) + Fnr(p.Counts)) / 2 };
    }

    /// <summary>
    /// The equal error rate where the segment between two consecutive candidates crosses FNR = FPR (linear
    /// interpolation in ROC space): the first crossing from the top threshold down. NaN when a class is absent.
    /// </summary>
    public static double InterpolatedEqualErrorRate(BinaryCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(curve.Positives > 0) || !(curve.Negatives > 0))
        {
            return double.NaN;
        }

        int n = Candidates.Count(curve);
        BinaryCounts previous = Candidates.Counts(curve, 0);
        double d0 = Fnr(previous) - Fpr(previous);
        for (int i = 1; i < n; i++)
        {
            BinaryCounts c = Candidates.Counts(curve, i);
            double d1 = Fnr(c) - Fpr(c);
            if (d1 <= 0)
            {
                // d goes from d0 > 0 to d1 <= 0: solve along the segment for d = 0.
                double t = d0 == d1 ? 0 : d0 / (d0 - d1);
                double fpr = Fpr(previous) + (t * (Fpr(c) - Fpr(previous)));
                double fnr = Fnr(previous) + (t * (Fnr(c) - Fnr(previous)));
                return (fpr + fnr) / 2;
            }

            previous = c;
            d0 = d1;
        }

        return double.NaN;
    }

    private static double Fpr(BinaryCounts c) => c.FalsePositives / c.Negatives;

    private static double Fnr(BinaryCounts c) => c.FalseNegatives / c.Support;
}
