using Verdict.Internal;

namespace Verdict.Curves;

/// <summary>
/// Top-k accuracy (scikit-learn's <c>top_k_accuracy_score</c>, multiclass): the fraction (or weight) of rows whose
/// true class is among the k highest-scored classes.
/// </summary>
/// <remarks>
/// <b>Tie rule</b> (scikit-learn's: a stable ascending sort, reversed): among classes with equal scores the one
/// with the higher index ranks first. So the true class t is a hit when
/// #{j : s_j &gt; s_t} + #{j &gt; t : s_j = s_t} &lt; k. With k &gt;= classCount every row is a hit.
/// </remarks>
/// <example>
/// <code>
/// int[] y = { 0, 1, 2, 2 };
/// double[] s = { 0.5, 0.2, 0.2,  0.3, 0.4, 0.2,  0.2, 0.4, 0.3,  0.7, 0.2, 0.1 };
/// TopKAccuracy.Compute(y, s, classCount: 3, k: 2);   // 0.75
/// </code>
/// </example>
public static class TopKAccuracy
{
    /// <summary>
    /// Top-k accuracy of <paramref name="scores"/> (row-major, rows × <paramref name="classCount"/>) against class
    /// indices <paramref name="labels"/>; with <paramref name="normalize"/> false, the hit count (or hit weight).
    /// </summary>
    public static double Compute(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, int k,
                                 ReadOnlySpan<double> weights = default, bool normalize = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int rows = CurveChecks.Rows(scores.Length, classCount, nameof(scores));
        Guard.SameLength(rows, labels.Length, nameof(labels));
        CurveChecks.Labels(labels, classCount);
        CurveChecks.Finite(scores, nameof(scores));
        Guard.Weights(weights, rows);
        double hits = 0, total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> row = scores.Slice(r * classCount, classCount);
            int t = labels[r];
            double st = row[t];
            int rank = 0;
            for (int j = 0; j < classCount; j++)
            {
                if (row[j] > st || (j > t && row[j] == st))
                {
                    rank++;
                }
            }

            double w = weights.IsEmpty ? 1.0 : weights[r];
            if (rank < k)
            {
                hits += w;
            }

            total += w;
        }

        return normalize ? hits / total : hits;
    }
}
