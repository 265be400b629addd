using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Probabilistic;

/// <summary>
/// The Brier score (scikit-learn's <c>brier_score_loss</c>): the mean squared difference between predicted
/// probabilities and the one-hot outcome. Lower is better.
/// </summary>
/// <example>
/// <code>
/// BrierScore.Binary(new[] { 0.1, 0.9, 0.8, 0.3 }, new[] { false, true, true, false });   // 0.0375
/// </code>
/// </example>
public static class BrierScore
{
    /// <summary>
    /// Binary Brier score Σ wᵢ (yᵢ − pᵢ)² / Σ wᵢ with y = 1 for <paramref name="positives"/> and p the probability
    /// of the positive class (choose the positive class, scikit-learn's <c>pos_label</c>, when building the mask).
    /// </summary>
    /// <exception cref="ArgumentException">A probability is outside [0, 1] (scikit-learn raises too).</exception>
    public static double Binary(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positives, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(probabilities.Length, positives.Length, nameof(positives));
        Validate(probabilities, weights, probabilities.Length);
        double sum = 0, weightSum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double d = (positives[i] ? 1.0 : 0.0) - probabilities[i];
            double w = weights.IsEmpty ? 1.0 : weights[i];
            sum += d * d * w;
            weightSum += w;
        }

        return sum / weightSum;
    }

    /// <summary>
    /// Multiclass Brier score (newer scikit-learn, with one probability column per class): the weighted mean over rows of Σₖ (1[yᵢ = k] − pᵢₖ)², in [0, 2].
    /// <paramref name="scaleByHalf"/> halves it to [0, 1]; null means scikit-learn's "auto" (halve only when
    /// there are 2 classes, which then equals <see cref="Binary"/>).
    /// </summary>
    public static double Multiclass(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount,
                                    ReadOnlySpan<double> weights = default, bool? scaleByHalf = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        int rows = CurveChecks.Rows(probabilities.Length, classCount, nameof(probabilities));
        Guard.SameLength(rows, labels.Length, nameof(labels));
        CurveChecks.Labels(labels, classCount);
        Validate(probabilities, weights, rows);
        double sum = 0, weightSum = 0;
        for (int r = 0; r < rows; r++)
        {
            double rowSum = 0;
            for (int k = 0; k < classCount; k++)
            {
                double d = (labels[r] == k ? 1.0 : 0.0) - probabilities[(r * classCount) + k];
                rowSum += d * d;
            }

            double w = weights.IsEmpty ? 1.0 : weights[r];
            sum += rowSum * w;
            weightSum += w;
        }

        double score = sum / weightSum;
        return (scaleByHalf ?? classCount == 2) ? score * 0.5 : score;
    }

    private static void Validate(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> weights, int rows)
    {
        if (rows == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(probabilities));
        }

        CurveChecks.Probabilities(probabilities, nameof(probabilities));
        Guard.Weights(weights, rows);
    }
}
