using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Probabilistic;

/// <summary>
/// Hinge loss (scikit-learn's <c>hinge_loss</c>), the (sample-weighted) mean of max(0, 1 − margin).
/// </summary>
/// <example>
/// <code>
/// HingeLoss.Binary(new[] { -0.4, -0.1, -0.15, 0.3 }, new[] { false, false, true, true });   // 0.8375
/// </code>
/// </example>
public static class HingeLoss
{
    /// <summary>
    /// Binary hinge loss: margin = y · d with y = +1 for <paramref name="positives"/> and −1 otherwise, d the
    /// decision value. Unlike scikit-learn, which encodes a y_true holding a single class as all −1 whatever that
    /// class is, the mask decides: rows marked positive are +1.
    /// </summary>
    public static double Binary(ReadOnlySpan<double> decisions, ReadOnlySpan<bool> positives, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(decisions.Length, positives.Length, nameof(positives));
        Validate(decisions, weights, decisions.Length);
        double sum = 0, weightSum = 0;
        for (int i = 0; i < decisions.Length; i++)
        {
            double margin = (positives[i] ? 1.0 : -1.0) * decisions[i];
            double w = weights.IsEmpty ? 1.0 : weights[i];
            sum += Math.Max(0.0, 1 - margin) * w;
            weightSum += w;
        }

        return sum / weightSum;
    }

    /// <summary>
    /// Multiclass (Crammer–Singer) hinge loss: margin = d(true class) − max over the other classes of d, with
    /// <paramref name="decisions"/> row-major, rows × <paramref name="classCount"/>. scikit-learn takes this form
    /// when there are three or more classes; for two it takes one decision column (<see cref="Binary"/>).
    /// </summary>
    public static double Multiclass(ReadOnlySpan<int> labels, ReadOnlySpan<double> decisions, int classCount, ReadOnlySpan<double> weights = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        int rows = CurveChecks.Rows(decisions.Length, classCount, nameof(decisions));
        Guard.SameLength(rows, labels.Length, nameof(labels));
        CurveChecks.Labels(labels, classCount);
        Validate(decisions, weights, rows);
        double sum = 0, weightSum = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> row = decisions.Slice(r * classCount, classCount);
            int t = labels[r];
            double best = double.NegativeInfinity;
            for (int k = 0; k < classCount; k++)
            {
                if (k != t && row[k] > best)
                {
                    best = row[k];
                }
            }

            double margin = row[t] - best;
            double w = weights.IsEmpty ? 1.0 : weights[r];
            sum += Math.Max(0.0, 1 - margin) * w;
            weightSum += w;
        }

        return sum / weightSum;
    }

    private static void Validate(ReadOnlySpan<double> decisions, ReadOnlySpan<double> weights, int rows)
    {
        if (rows == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(decisions));
        }

        CurveChecks.Finite(decisions, nameof(decisions));
        Guard.Weights(weights, rows);
    }
}
