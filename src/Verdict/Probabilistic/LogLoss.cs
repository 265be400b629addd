using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Probabilistic;

/// <summary>
/// Log loss (cross-entropy) as scikit-learn 1.2.1's <c>log_loss</c>: each probability is clipped to
/// [ε, 1 − ε] with ε = <see cref="Epsilon"/>, each row is then divided by its (clipped) sum, and the loss of a row
/// is −ln p(true class). The result is the (sample-weighted) mean, or with <c>normalize</c> false the (weighted)
/// sum.
/// </summary>
/// <remarks>
/// <para><b>Normalisation.</b> Rows that do not sum to 1 are renormalised after clipping, as scikit-learn 1.2.1
/// does (later versions changed this step and warn that the rows do not sum to one); for rows that already sum
/// to 1 it changes nothing but rounding.</para>
/// <para><b>Binary.</b> A single probability p of the positive class stands for the row (1 − p, p), clipped and
/// normalised the same way.</para>
/// <para><b>Classes.</b> The class count is given, never inferred from the labels, so a binary call whose labels
/// hold one class is defined (scikit-learn raises unless <c>labels</c> is passed, and then agrees).</para>
/// </remarks>
/// <example>
/// <code>
/// LogLoss.Binary(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true });   // 0.47228795380917615
/// </code>
/// </example>
public static class LogLoss
{
    /// <summary>The clipping ε: the float64 machine epsilon 2⁻⁵² = 2.220446049250313e-16 (scikit-learn's "auto").</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// Binary log loss of <paramref name="probabilities"/> (of the positive class) against
    /// <paramref name="positives"/>.
    /// </summary>
    public static double Binary(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positives,
                                ReadOnlySpan<double> weights = default, bool normalize = true)
    {
        Guard.SameLength(probabilities.Length, positives.Length, nameof(positives));
        Validate(probabilities, weights, probabilities.Length);
        double sum = 0, weightSum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            double q = 1 - p;
            double rowSum = q + p;
            double loss = -Math.Log((positives[i] ? p : q) / rowSum);
            double w = weights.IsEmpty ? 1.0 : weights[i];
            sum += loss * w;
            weightSum += w;
        }

        return normalize ? sum / weightSum : sum;
    }

    /// <summary>
    /// Multiclass log loss of <paramref name="probabilities"/> (row-major, rows × <paramref name="classCount"/>,
    /// column k the probability of class k) against class indices <paramref name="labels"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 2 (scikit-learn: "y_true contains only one label").</exception>
    public static double Multiclass(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount,
                                    ReadOnlySpan<double> weights = default, bool normalize = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        int rows = CurveChecks.Rows(probabilities.Length, classCount, nameof(probabilities));
        Guard.SameLength(rows, labels.Length, nameof(labels));
        if (rows == 0)
        {
            CurveChecks.Labels(labels, classCount);
            Validate(probabilities, weights, rows);
        }

        if (!weights.IsEmpty)
        {
            CurveChecks.Labels(labels, classCount);
            Validate(probabilities, weights, rows);
        }

        double sum = 0, weightSum = 0;
        bool bad = false;
        int threads = (long)rows * classCount >= ParallelCells ? Environment.ProcessorCount : 1;
        if (threads == 1)
        {
            for (int r = 0; r < rows; r++)
            {
                double loss = RowLoss(labels[r], probabilities.Slice(r * classCount, classCount), ref bad);
                double w = weights.IsEmpty ? 1.0 : weights[r];
                sum += loss * w;
                weightSum += w;
            }
        }
        else
        {
            // Row losses are computed in parallel a block per thread, then added on this thread in row order, so
            // the sum is the sequential one bit for bit.
            SumParallel(labels, probabilities, classCount, weights, threads, ref sum, ref weightSum, ref bad);
        }

        if (bad)
        {
            // The kernel only noticed; these find the first bad row and say what is wrong.
            CurveChecks.Labels(labels, classCount);
            Validate(probabilities, weights, rows);
        }

        return normalize ? sum / weightSum : sum;
    }

    private static void Validate(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> weights, int rows)
    {
        if (rows == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(probabilities));
        }

        CurveChecks.Finite(probabilities, nameof(probabilities));
        Guard.Weights(weights, rows);
    }

    private const long ParallelCells = 1 << 20;
    private const int Block = 8192;

    /// <summary>−ln(clip(p_t) / Σ_j clip(p_j)), the row sum taken left to right; flags a bad label or a non-finite value.</summary>
    private static double RowLoss(int t, ReadOnlySpan<double> row, ref bool bad)
    {
        if ((uint)t >= (uint)row.Length)
        {
            bad = true;
            return 0;
        }

        double rowSum = 0, finite = 0;
        foreach (double p in row)
        {
            finite += p - p;
            rowSum += Math.Clamp(p, Epsilon, 1 - Epsilon);
        }

        if (finite != 0)
        {
            bad = true;
        }

        return -Math.Log(Math.Clamp(row[t], Epsilon, 1 - Epsilon) / rowSum);
    }

    private static unsafe void SumParallel(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount,
                                           ReadOnlySpan<double> weights, int threads, ref double sum, ref double weightSum, ref bool bad)
    {
        int rows = labels.Length;
        var losses = GC.AllocateUninitializedArray<double>(threads * Block);
        int anyBad = 0;
        fixed (int* l = labels)
        fixed (double* p = probabilities)
        {
            int* lp = l;
            double* pp = p;
            for (int r0 = 0; r0 < rows; r0 += threads * Block)
            {
                int first = r0;
                Parallel.For(0, threads, t =>
                {
                    int start = first + (t * Block), end = Math.Min(start + Block, rows);
                    bool b = false;
                    for (int r = start; r < end; r++)
                    {
                        losses[(t * Block) + r - start] = RowLoss(lp[r], new ReadOnlySpan<double>(pp + ((long)r * classCount), classCount), ref b);
                    }

                    if (b)
                    {
                        Interlocked.Exchange(ref anyBad, 1);
                    }
                });

                int count = Math.Min(threads * Block, rows - r0);
                for (int i = 0; i < count; i++)
                {
                    double w = weights.IsEmpty ? 1.0 : weights[r0 + i];
                    sum += losses[i] * w;
                    weightSum += w;
                }
            }
        }

        bad |= anyBad != 0;
    }
}
