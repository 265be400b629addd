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
        return weights.IsEmpty
            ? OneVsRestFast(labels, scores, classCount)
            : MultilabelAuc.RocAucPerLabel(ScoreMatrix.Indicator(labels, classCount), scores, classCount, weights);
    }

    /// <summary>One-vs-rest ROC AUC averaged by <see cref="Average.Macro"/>, <see cref="Average.Weighted"/> or <see cref="Average.Micro"/>.</summary>
    public static double OneVsRest(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, Average average, ReadOnlySpan<double> weights = default)
    {
        if (average is not (Average.Macro or Average.Weighted or Average.Micro))
        {
            throw new ArgumentException($"One-vs-rest ROC AUC averages by Macro, Weighted or Micro, not '{average}'.", nameof(average));
        }

        Validate(labels, scores, classCount, probabilities: true);
        if (weights.IsEmpty && average is Average.Macro or Average.Weighted)
        {
            // As MultilabelAuc over the one-hot indicator, without building it: one sorted curve per class.
            double[] perClass = OneVsRestFast(labels, scores, classCount);
            if (average == Average.Macro)
            {
                return MultilabelAuc.Mean(perClass, default);
            }

            var support = new double[classCount];
            foreach (int y in labels)
            {
                support[y] += 1.0;
            }

            double total = 0;
            foreach (double c in support)
            {
                total += c;
            }

            return CurveMath.IsCloseToZero(total) ? 0.0 : MultilabelAuc.Mean(perClass, support);
        }

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

        double[] pairAuc = OneVsOneFast(labels, scores, classCount, present);
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

                double aScore = pairAuc[(a * classCount) + b];
                double bScore = pairAuc[(b * classCount) + a];
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

    /// <summary>
    /// One-vs-rest ROC AUC of every class, unweighted: class c's column is split into rows of class c and the rest,
    /// each side sorted, and the AUC folded while the two are merged (no curve is stored). Classes run on parallel
    /// threads, one sorter each, when the matrix is large.
    /// </summary>
    private static double[] OneVsRestFast(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount)
    {
        var result = new double[classCount];
        int rows = labels.Length;
        int threads = (long)rows * classCount >= ParallelCells ? Math.Min(Environment.ProcessorCount, classCount) : 1;
        unsafe
        {
            fixed (int* l = labels)
            fixed (double* s = scores)
            {
                int* lp = l;
                double* sp = s;
                int next = -1;
                RunWorkers(threads, () =>
                {
                    var sorter = new CurveSorter { Parallel = threads == 1 };
                    var y = new ReadOnlySpan<int>(lp, rows);
                    var m = new ReadOnlySpan<double>(sp, rows * classCount);
                    int c;
                    while ((c = Interlocked.Increment(ref next)) < classCount)
                    {
                        sorter.SplitColumn(m, classCount, c, y);
                        var auc = new AucSink(sorter.PositiveRows, sorter.NegativeRows);
                        sorter.Run(ref auc);
                        result[c] = auc.Value;
                    }
                });
            }
        }

        return result;
    }

    /// <summary>
    /// A(a|b) for every ordered pair of present classes, at [a·K + b]: for each column a the rows are grouped by
    /// label (stable) and each group's keys sorted once; A(a|b) is then one merge of group a with group b. K sorts of
    /// the column, not one per pair.
    /// </summary>
    private static double[] OneVsOneFast(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, long[] present)
    {
        int rows = labels.Length, k = classCount;
        var result = new double[k * k];
        var start = new int[k + 1];
        for (int c = 0; c < k; c++)
        {
            start[c + 1] = start[c] + (int)present[c];
        }

        int threads = (long)rows * classCount >= ParallelCells ? Math.Min(Environment.ProcessorCount, classCount) : 1;
        unsafe
        {
            fixed (int* l = labels)
            fixed (double* s = scores)
            {
                int* lp = l;
                double* sp = s;
                int next = -1;
                RunWorkers(threads, () =>
                {
                    var keys = LargeArray.Allocate<ulong>(rows);
                    var scratch = LargeArray.Allocate<ulong>(rows);
                    var fill = new int[k];
                    int a;
                    while ((a = Interlocked.Increment(ref next)) < k)
                    {
                        if (present[a] == 0)
                        {
                            continue;
                        }

                        Array.Copy(start, fill, k);
                        for (int r = 0; r < rows; r++)
                        {
                            keys[fill[lp[r]]++] = RadixSort.Key(sp[((long)r * k) + a]);
                        }

                        for (int c = 0; c < k; c++)
                        {
                            Span<ulong> group = keys.AsSpan(start[c], start[c + 1] - start[c]);
                            Span<ulong> sorted = RadixSort.Sort(group, scratch.AsSpan(start[c], group.Length), threads == 1);
                            if (group.Length > 0 && sorted != group)
                            {
                                sorted.CopyTo(group);
                            }
                        }

                        ReadOnlySpan<ulong> positives = keys.AsSpan(start[a], start[a + 1] - start[a]);
                        for (int b = 0; b < k; b++)
                        {
                            if (b == a || present[b] == 0)
                            {
                                continue;
                            }

                            var auc = new AucSink(positives.Length, present[b]);
                            CurveSorter.Walk(positives, keys.AsSpan(start[b], start[b + 1] - start[b]), ref auc);
                            result[(a * k) + b] = auc.Value;
                        }
                    }
                });
            }
        }

        return result;
    }

    private const long ParallelCells = 1 << 20;

    private static void RunWorkers(int threads, Action work)
    {
        if (threads <= 1)
        {
            work();
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => work());
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
        if (!probabilities)
        {
            CurveChecks.Finite(scores, nameof(scores));
            return rows;
        }

        // One pass for both checks: a non-finite value makes its row sum non-finite, and then the finiteness check
        // (which scikit-learn runs first) names it; otherwise the first row whose sum is not 1 is reported.
        bool nonFinite = false;
        int badRow = -1;
        double badSum = 0;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            foreach (double p in scores.Slice(r * classCount, classCount))
            {
                sum += p;
            }

            if (!double.IsFinite(sum))
            {
                nonFinite = true;
            }
            else if (badRow < 0 && !(Math.Abs(1 - sum) <= 1e-8 + (1e-5 * Math.Abs(sum))))
            {
                badRow = r;
                badSum = sum;
            }
        }

        if (nonFinite)
        {
            CurveChecks.Finite(scores, nameof(scores));
            badRow = FirstBadRow(scores, classCount, rows, out badSum);
        }

        if (badRow >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Scores of row {badRow + 1} sum to {badSum}, not 1; multiclass ROC AUC needs probabilities that sum to 1 over the classes."),
                nameof(scores));
        }

        return rows;
    }

    /// <summary>The first row whose sum is not 1 within np.allclose's tolerance (a sum that overflowed counts), or -1.</summary>
    private static int FirstBadRow(ReadOnlySpan<double> scores, int classCount, int rows, out double badSum)
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
                badSum = sum;
                return r;
            }
        }

        badSum = 0;
        return -1;
    }
}
