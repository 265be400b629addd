using Verdict.Counts;

namespace Verdict.Scores;

/// <summary>
/// Scores of a whole confusion matrix (single-label tasks) or of multilabel counts. None makes a pass over
/// the data: each reads the matrix.
/// </summary>
/// <example>
/// <code>
/// var cm = ConfusionMatrix.Compute(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 1, 1 }, classCount: 2);
/// ConfusionScores.Accuracy(cm);            // 0.75
/// ConfusionScores.BalancedAccuracy(cm);    // (0.5 + 1) / 2 = 0.75
/// </code>
/// </example>
public static class ConfusionScores
{
    /// <summary>Fraction (or, with <paramref name="normalize"/> false, weight) of correct predictions: trace / total. NaN on no rows.</summary>
    public static double Accuracy(ConfusionMatrix matrix, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double trace = matrix.Trace;
        return normalize ? trace / matrix.Total : trace;
    }

    /// <summary>1 − accuracy, or with <paramref name="normalize"/> false the weight of wrong predictions.</summary>
    public static double ZeroOneLoss(ConfusionMatrix matrix, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return normalize ? 1 - Accuracy(matrix) : matrix.Total - matrix.Trace;
    }

    /// <summary>Fraction of wrong labels; for single-label tasks, 1 − accuracy.</summary>
    public static double HammingLoss(ConfusionMatrix matrix) => ZeroOneLoss(matrix);

    /// <summary>
    /// Mean recall over the classes present in the actual labels (classes with no rows are left out).
    /// Adjusted: (score − 1/K) / (1 − 1/K) with K the classes present, so chance scores 0. NaN when no class is present.
    /// </summary>
    public static double BalancedAccuracy(ConfusionMatrix matrix, bool adjusted = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double sum = 0;
        int present = 0;
        for (int k = 0; k < matrix.ClassCount; k++)
        {
            double support = matrix.RowSum(k);
            if (support == 0)
            {
                continue;
            }

            sum += matrix[k, k] / support;
            present++;
        }

        double score = sum / present;
        if (adjusted)
        {
            double chance = 1.0 / present;
            score = (score - chance) / (1 - chance);
        }

        return score;
    }

    /// <summary>
    /// Matthews correlation coefficient, multiclass (Gorodkin's R_K): (c·s − Σ t_k p_k) / √((s² − Σ p_k²)(s² − Σ t_k²)),
    /// with c the trace, s the total, t row sums and p column sums. Undefined, and 0 as in scikit-learn, when either
    /// factor under the root is 0: when the actual or the predicted labels hold one class only (decided from which
    /// sums are non-zero, so rounding in weighted sums cannot turn it into a tiny number or NaN).
    /// </summary>
    public static double MatthewsCorrelation(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.ClassCount;
        double samples = 0, tp = 0, tt = 0, pp = 0;
        int actualClasses = 0, predictedClasses = 0;
        for (int i = 0; i < k; i++)
        {
            double t = matrix.RowSum(i), p = matrix.ColumnSum(i);
            actualClasses += t > 0 ? 1 : 0;
            predictedClasses += p > 0 ? 1 : 0;
            samples += p;
            tp += t * p;
            tt += t * t;
            pp += p * p;
        }

        double covYtYp = (matrix.Trace * samples) - tp;
        double covYpYp = (samples * samples) - pp;
        double covYtYt = (samples * samples) - tt;
        double product = covYtYt * covYpYp;
        return actualClasses <= 1 || predictedClasses <= 1 || product <= 0 ? 0.0 : covYtYp / Math.Sqrt(product);
    }

    /// <summary>
    /// Cohen's kappa: 1 − Σ w·observed / Σ w·expected, expected from the outer product of the marginals.
    /// NaN when the expected disagreement is 0 (e.g. one class only).
    /// </summary>
    public static double CohenKappa(ConfusionMatrix matrix, KappaWeighting weighting = KappaWeighting.None)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.ClassCount;
        var cols = new double[k];
        var rows = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++)
        {
            rows[i] = matrix.RowSum(i);
            cols[i] = matrix.ColumnSum(i);
            total += cols[i];
        }

        double observed = 0, expected = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double w = weighting switch
                {
                    KappaWeighting.Linear => Math.Abs(i - j),
                    KappaWeighting.Quadratic => (double)(i - j) * (i - j),
                    _ => i == j ? 0 : 1,
                };
                observed += w * matrix[i, j];
                expected += w * (cols[i] * rows[j] / total);
            }
        }

        return 1 - (observed / expected);
    }

    /// <summary>Subset accuracy: the fraction (weight) of rows whose label set was predicted exactly.</summary>
    public static double SubsetAccuracy(MultilabelCounts counts, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return normalize ? counts.ExactMatchWeight / counts.TotalWeight : counts.ExactMatchWeight;
    }

    /// <summary>Multilabel zero-one loss: 1 − subset accuracy, or the weight of rows with any wrong label.</summary>
    public static double ZeroOneLoss(MultilabelCounts counts, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return normalize ? 1 - SubsetAccuracy(counts) : counts.TotalWeight - counts.ExactMatchWeight;
    }

    /// <summary>Multilabel Hamming loss: the weighted fraction of wrong cells, Σ w·mismatches / (L · Σ w).</summary>
    public static double HammingLoss(MultilabelCounts counts, int labelCount)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.MismatchWeight / (labelCount * counts.TotalWeight);
    }
}
