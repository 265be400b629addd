using System.Globalization;
using Verdict.Internal;
using Verdict.Scores;

namespace Verdict.Curves;

/// <summary>
/// ROC AUC and average precision for single-label multiclass data scored by one probability column per class
/// (scikit-learn's <c>roc_auc_score(multi_class=...)</c> and <c>average_precision_score</c> on binarised labels).
/// Labels are class indices in [0, classCount); scores are row-major, rows × classCount.
/// </summary>
/// <remarks>
/// <para>ROC AUC needs probability rows, as scikit-learn checks: every row must sum to 1 within
/// |1 − sum| &lt;= 1e-8 + 1e-5·|sum| (<c>np.allclose</c>).</para>
/// <para><b>One-vs-rest</b> scores each class against the rest (<see cref="MultilabelAuc"/> over the one-hot
/// indicator): macro is the plain mean, weighted weighs by class prevalence (support, sample-weighted), micro pools
/// every (row, class) cell into one curve. A class with no rows has AUC NaN, which makes the macro mean NaN
/// (newer scikit-learn; 1.2.1 raised) and counts 0 in the weighted mean.</para>
/// <para><b>One-vs-one</b> is Hand &amp; Till (2001) as scikit-learn's <c>_average_multiclass_ovo_score</c>: for each
/// pair a &lt; b of classes present in the labels, the rows of a or b give A(a|b) (rows of a positive, scored by
/// column a) and A(b|a) (rows of b positive, column b); the pair scores their mean. Macro is the plain mean over
/// pairs; weighted weighs each pair by its prevalence (rows of a or b) / (all rows). No sample weights (scikit-learn
/// refuses them too).</para>
/// </remarks>
/// <example>
/// <code>
/// int[] y = { 0, 1, 2, 2 };
/// double[] p = { 0.8, 0.1, 0.1,  0.3, 0.5, 0.2,  0.2, 0.2, 0.6,  0.5, 0.3, 0.2 };
/// MulticlassAuc.OneVsRest(y, p, 3, Average.Macro);   // (1 + 1 + 0.875) / 3 = 0.9583
/// </code>
/// </example>
public static class MulticlassAuc
{
    /// <summary>One-vs-rest ROC AUC of each class (NaN for a class with no rows, or with every row).</summary>
    public static double[] OneVsRestPerClass(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, ReadOnlySpan<double> weights = default)
    {
        Validate(labels, scores, classCount, probabilities: true);
        return MultilabelAuc.RocAucPerLabel(ScoreMatrix.Indicator(labels, classCount), scores, classCount, weights);
    }

    /// <summary>One-vs-rest ROC AUC averaged by <see cref="Average.Macro"/>, <see cref="Average.Weighted"/> or <see cref="Average.Micro"/>.</summary>
    public static double OneVsRest(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, Average average, ReadOnlySpan<double> weights = default)
    {
        if (average is not (Average.Macro or Average.Weighted or Average.Micro))
        {
            throw new ArgumentException($"One-vs-rest ROC AUC averages by Macro, Weighted or Micro, not '{average}'.", nameof(average));
        }

        Validate(labels, scores, classCount, probabilities: true);
        return MultilabelAuc.RocAuc(ScoreMatrix.Indicator(labels, classCount), scores, classCount, average, weights);
    }

    /// <summary>
    /// One-vs-one ROC AUC (Hand &amp; Till) averaged by <see cref="Average.Macro"/> or <see cref="Average.Weighted"/>
    /// (pair prevalence). NaN when fewer than two classes are present.
    /// </summary>
    public static double OneVsOne(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, Average average = Average.Macro)
    {
        if (average is not (Average.Macro or Average.Weighted))
        {
            throw new ArgumentException($"One-vs-one ROC AUC averages by Macro or Weighted, not '{average}'.", nameof(average));
        }

        int rows = Validate(labels, scores, classCount, probabilities: true);
        var present = new long[classCount];
        foreach (int y in labels)
        {
            present[y]++;
        }

        var ws = new CurveWorkspace(rows);
        double sum = 0, weightSum = 0;
        int pairs = 0;
        for (int a = 0; a < classCount; a++)
        {
            if (present[a] == 0)
            {
                continue;
            }

            for (int b = a + 1; b < classCount; b++)
            {
                if (present[b] == 0)
                {
                    continue;
                }

                double aScore = PairAuc(ws, labels, scores, classCount, a, b);
                double bScore = PairAuc(ws, labels, scores, classCount, b, a);
                double pair = (aScore + bScore) / 2;
                if (average == Average.Weighted)
                {
                    double prevalence = (double)(present[a] + present[b]) / rows;
                    sum += pair * prevalence;
                    weightSum += prevalence;
                }
                else
                {
                    sum += pair;
                    weightSum += 1;
                }

                pairs++;
            }
        }

        return pairs == 0 ? double.NaN : sum / weightSum;
    }

    /// <summary>Average precision of each class, one-vs-rest (0 for a class with no rows).</summary>
    public static double[] AveragePrecisionPerClass(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, ReadOnlySpan<double> weights = default)
    {
        Validate(labels, scores, classCount, probabilities: false);
        return MultilabelAuc.AveragePrecisionPerLabel(ScoreMatrix.Indicator(labels, classCount), scores, classCount, weights);
    }

    /// <summary>
    /// Average precision over the one-hot indicator of <paramref name="labels"/>, averaged by
    /// <see cref="Average.Micro"/>, <see cref="Average.Macro"/>, <see cref="Average.Weighted"/> or
    /// <see cref="Average.Samples"/> (see <see cref="MultilabelAuc"/>).
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, Average average, ReadOnlySpan<double> weights = default)
    {
        Validate(labels, scores, classCount, probabilities: false);
        return MultilabelAuc.AveragePrecision(ScoreMatrix.Indicator(labels, classCount), scores, classCount, average, weights);
    }

    private static double PairAuc(CurveWorkspace ws, ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, int positive, int negative)
    {
        int n = 0;
        for (int r = 0; r < labels.Length; r++)
        {
            int y = labels[r];
            if (y == positive || y == negative)
            {
                ws.Keys[n] = scores[(r * classCount) + positive];
                ws.Positive[n] = y == positive;
                n++;
            }
        }

        ws.Build(n, weighted: false);
        return CurveMath.RocAuc(ws.Tps, ws.Fps, ws.Positives, ws.Negatives, null);
    }

    private static int Validate(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, bool probabilities)
    {
        int rows = CurveChecks.Rows(scores.Length, classCount, nameof(scores));
        Guard.SameLength(rows, labels.Length, nameof(labels));
        if (rows == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(labels));
        }

        CurveChecks.Labels(labels, classCount);
        CurveChecks.Finite(scores, nameof(scores));
        if (probabilities)
        {
            for (int r = 0; r < rows; r++)
            {
                double sum = 0;
                foreach (double p in scores.Slice(r * classCount, classCount))
                {
                    sum += p;
                }

                if (!(Math.Abs(1 - sum) <= 1e-8 + (1e-5 * Math.Abs(sum))))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Scores of row {r + 1} sum to {sum}, not 1; multiclass ROC AUC needs probabilities that sum to 1 over the classes."),
                        nameof(scores));
                }
            }
        }

        return rows;
    }
}
