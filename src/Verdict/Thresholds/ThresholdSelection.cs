using Verdict.Counts;
using Verdict.Curves;
using Verdict.Scores;

namespace Verdict.Thresholds;

/// <summary>
/// Decision-threshold tuning over the candidates of a curve: threshold +∞ (predict nothing) and every curve
/// threshold (score &gt;= t is positive). Each returns the threshold, the objective's value and the counts there.
/// </summary>
/// <remarks>
/// <b>Tie rule.</b> Among candidates with the same best objective, the highest threshold wins (fewest predicted
/// positives). Candidates whose objective is undefined (NaN) are skipped; null means no candidate qualified.
/// </remarks>
public static class ThresholdSelection
{
    /// <summary>
    /// The threshold of highest F-beta (1+β²)TP / ((1+β²)TP + β²FN + FP) (0 where undefined), e.g. best F1.
    /// Never null: every candidate has a value.
    /// </summary>
    public static OperatingPoint? MaxFBeta(BinaryCurve curve, double beta = 1.0)
    {
        if (double.IsNaN(beta) || beta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be >= 0.");
        }

        return Candidates.Best(curve, _ => true, c => Score.FBeta(c, beta));
    }

    /// <summary>The threshold of highest Youden's J = TPR − FPR = sensitivity + specificity − 1. Null when a class is absent.</summary>
    public static OperatingPoint? MaxYoudenJ(BinaryCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(curve.Positives > 0) || !(curve.Negatives > 0))
        {
            return null;
        }

        // TPR − FPR = (TP·N − FP·P) / (P·N): one division of an exact numerator keeps integer-count ties exact.
        double positives = curve.Positives, negatives = curve.Negatives;
        return Candidates.Best(curve, _ => true,
            c => ((c.TruePositives * negatives) - (c.FalsePositives * positives)) / (positives * negatives));
    }

    /// <summary>
    /// The threshold of least expected cost per row, (cost_FP · FP + cost_FN · FN) / (P + N), with
    /// <paramref name="falsePositiveCost"/> and <paramref name="falseNegativeCost"/> &gt;= 0.
    /// </summary>
    public static OperatingPoint? MinExpectedCost(BinaryCurve curve, double falsePositiveCost, double falseNegativeCost)
    {
        if (!(falsePositiveCost >= 0) || !double.IsFinite(falsePositiveCost))
        {
            throw new ArgumentOutOfRangeException(nameof(falsePositiveCost), falsePositiveCost, "Costs must be finite and >= 0.");
        }

        if (!(falseNegativeCost >= 0) || !double.IsFinite(falseNegativeCost))
        {
            throw new ArgumentOutOfRangeException(nameof(falseNegativeCost), falseNegativeCost, "Costs must be finite and >= 0.");
        }

        return Candidates.Best(curve, _ => true,
            c => ((falsePositiveCost * c.FalsePositives) + (falseNegativeCost * c.FalseNegatives)) / c.Total,
            minimise: true);
    }

    /// <summary>The highest recall subject to precision &gt;= <paramref name="minPrecision"/> (<see cref="OperatingPoints.RecallAtPrecision"/>).</summary>
    public static OperatingPoint? MaxRecallAtPrecision(BinaryCurve curve, double minPrecision) =>
        OperatingPoints.RecallAtPrecision(curve, minPrecision);

    /// <summary>The highest precision subject to recall &gt;= <paramref name="minRecall"/> (<see cref="OperatingPoints.PrecisionAtRecall"/>).</summary>
    public static OperatingPoint? MaxPrecisionAtRecall(BinaryCurve curve, double minRecall) =>
        OperatingPoints.PrecisionAtRecall(curve, minRecall);
}
