using Verdict.Counts;

namespace Verdict.Scores;

/// <summary>
/// Scores that are small functions of one class's <see cref="BinaryCounts"/>. Each returns the
/// <see cref="ZeroDivision"/> value when its denominator is 0.
/// </summary>
/// <example>
/// <code>
/// var c = new BinaryCounts(TruePositives: 10, FalsePositives: 2, FalseNegatives: 3, TrueNegatives: 0);
/// Score.Precision(c);   // 10/12 = 0.8333
/// Score.Recall(c);      // 10/13 = 0.7692
/// Score.F1(c);          // 20/25 = 0.8
/// </code>
/// </example>
public static class Score
{
    /// <summary>TP / (TP + FP); undefined when nothing was predicted positive.</summary>
    public static double Precision(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) =>
        Divide(c.TruePositives, c.TruePositives + c.FalsePositives, whenUndefined);

    /// <summary>TP / (TP + FN) (sensitivity, true positive rate); undefined when the class has no rows.</summary>
    public static double Recall(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) =>
        Divide(c.TruePositives, c.TruePositives + c.FalseNegatives, whenUndefined);

    /// <summary>
    /// F-beta from counts: (1+β²)TP / ((1+β²)TP + β²FN + FP), the weighted harmonic mean of precision and recall;
    /// undefined only when TP + FP + FN = 0. β = +∞ gives recall; β = 0 gives precision.
    /// </summary>
    public static double FBeta(in BinaryCounts c, double beta, ZeroDivision whenUndefined = ZeroDivision.Zero)
    {
        if (double.IsPositiveInfinity(beta))
        {
            return Recall(c, whenUndefined);
        }

        if (beta == 0)
        {
            return Precision(c, whenUndefined);
        }

        double b2 = beta * beta;
        double numerator = (1 + b2) * c.TruePositives;
        double denominator = numerator + (b2 * c.FalseNegatives) + c.FalsePositives;
        return Divide(numerator, denominator, whenUndefined);
    }

    /// <summary>F1 = 2TP / (2TP + FP + FN); undefined only when TP + FP + FN = 0.</summary>
    public static double F1(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) => FBeta(c, 1.0, whenUndefined);

    /// <summary>Jaccard index (intersection over union) TP / (TP + FP + FN); undefined when TP + FP + FN = 0.</summary>
    public static double Jaccard(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) =>
        Divide(c.TruePositives, c.TruePositives + c.FalsePositives + c.FalseNegatives, whenUndefined);

    /// <summary>Specificity (true negative rate) TN / (TN + FP); undefined when there are no negatives.</summary>
    public static double Specificity(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) =>
        Divide(c.TrueNegatives, c.TrueNegatives + c.FalsePositives, whenUndefined);

    /// <summary>Negative predictive value TN / (TN + FN); undefined when nothing was predicted negative.</summary>
    public static double NegativePredictiveValue(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) =>
        Divide(c.TrueNegatives, c.TrueNegatives + c.FalseNegatives, whenUndefined);

    /// <summary>False positive rate FP / (FP + TN); undefined when there are no negatives.</summary>
    public static double FalsePositiveRate(in BinaryCounts c, ZeroDivision whenUndefined = ZeroDivision.Zero) =>
        Divide(c.FalsePositives, c.FalsePositives + c.TrueNegatives, whenUndefined);

    /// <summary>
    /// Positive and negative likelihood ratios, as scikit-learn's <c>class_likelihood_ratios</c>:
    /// LR+ = recall / FPR = TP(FP+TN) / (FP(TP+FN)), NaN when FP = 0 or the positive class is absent;
    /// LR- = FNR / specificity = FN(FP+TN) / (TN(TP+FN)), NaN when TN = 0 or the positive class is absent.
    /// </summary>
    public static (double Positive, double Negative) LikelihoodRatios(in BinaryCounts c)
    {
        double supportPos = c.TruePositives + c.FalseNegatives, supportNeg = c.TrueNegatives + c.FalsePositives;
        if (supportPos == 0)
        {
            return (double.NaN, double.NaN);
        }

        double positive = c.FalsePositives == 0 ? double.NaN : c.TruePositives * supportNeg / (c.FalsePositives * supportPos);
        double negative = c.TrueNegatives == 0 ? double.NaN : c.FalseNegatives * supportNeg / (c.TrueNegatives * supportPos);
        return (positive, negative);
    }

    /// <summary>Whether <paramref name="denominator"/> makes a score undefined.</summary>
    public static bool IsUndefined(double denominator) => denominator == 0;

    internal static double Divide(double numerator, double denominator, ZeroDivision whenUndefined) =>
        denominator == 0 ? whenUndefined.Value() : numerator / denominator;
}
