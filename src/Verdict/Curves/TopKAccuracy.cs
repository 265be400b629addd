using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        double hits, total;
        bool bad;
        if (weights.IsEmpty)
        {
            // Unweighted hits are a count, the same in any order, so chunks run in parallel.
            long count = CountHits(labels, scores, classCount, k, out bad);
            hits = count;
            total = rows;
        }
        else
        {
            CurveChecks.Labels(labels, classCount);
            CurveChecks.Finite(scores, nameof(scores));
            Guard.Weights(weights, rows);
            hits = 0;
            total = 0;
            bad = false;
            for (int r = 0; r < rows; r++)
            {
                double w = weights[r];
                if (Hit(labels[r], scores.Slice(r * classCount, classCount), k, ref bad))
                {
                    hits += w;
                }

                total += w;
            }
        }

        if (bad)
        {
            // The kernel only noticed; these find the first bad row and say what is wrong.
            CurveChecks.Labels(labels, classCount);
            CurveChecks.Finite(scores, nameof(scores));
        }

        return normalize ? hits / total : hits;
    }

    private const long ParallelCells = 1 << 20;

    private static unsafe long CountHits(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, int k, out bool bad)
    {
        int rows = labels.Length;
        int threads = (long)rows * classCount >= ParallelCells ? Environment.ProcessorCount : 1;
        if (threads == 1)
        {
            return CountRange(labels, scores, classCount, k, out bad);
        }

        long hits = 0;
        int anyBad = 0;
        fixed (int* l = labels)
        fixed (double* s = scores)
        {
            int* lp = l;
            double* sp = s;
            Parallel.For(0, threads, t =>
            {
                int start = (int)((long)rows * t / threads), end = (int)((long)rows * (t + 1) / threads);
                long h = CountRange(new ReadOnlySpan<int>(lp + start, end - start),
                                    new ReadOnlySpan<double>(sp + ((long)start * classCount), (end - start) * classCount), classCount, k, out bool b);
                Interlocked.Add(ref hits, h);
                if (b)
                {
                    Interlocked.Exchange(ref anyBad, 1);
                }
            });
        }

        bad = anyBad != 0;
        return hits;
    }

    private static long CountRange(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount, int k, out bool bad)
    {
        long hits = 0;
        bad = false;
        for (int r = 0; r < labels.Length; r++)
        {
            if (Hit(labels[r], scores.Slice(r * classCount, classCount), k, ref bad))
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>
    /// Whether true class <paramref name="t"/> ranks among the top <paramref name="k"/> of <paramref name="row"/>:
    /// #{j : s_j &gt; s_t} + #{j &gt; t : s_j = s_t} &lt; k. Four classes at a time with 256-bit vectors. Sets
    /// <paramref name="bad"/> (and counts no hit) for a label out of range or a non-finite score.
    /// </summary>
    private static bool Hit(int t, ReadOnlySpan<double> row, int k, ref bool bad)
    {
        int n = row.Length;
        if ((uint)t >= (uint)n)
        {
            bad = true;
            return false;
        }

        ref double first = ref MemoryMarshal.GetReference(row);
        double st = Unsafe.Add(ref first, t);
        int rank = 0, j = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            Vector256<double> target = Vector256.Create(st);
            Vector256<long> index = Vector256.Create(0L, 1L, 2L, 3L), trueClass = Vector256.Create((long)t), step = Vector256.Create(4L);
            Vector256<double> finite = Vector256<double>.Zero;
            for (; j <= n - 4; j += 4)
            {
                Vector256<double> v = Vector256.LoadUnsafe(ref first, (nuint)j);
                Vector256<double> above = Vector256.GreaterThan(v, target)
                    | (Vector256.Equals(v, target) & Vector256.GreaterThan(index, trueClass).AsDouble());
                rank += BitOperations.PopCount(above.ExtractMostSignificantBits());
                finite += v - v;
                index += step;
            }

            if (j < n)
            {
                // The last four classes again, overlapping the ones already counted; only lanes at or past j count.
                Vector256<long> tail = Vector256.Create((long)(n - 4)) + Vector256.Create(0L, 1L, 2L, 3L);
                Vector256<double> fresh = Vector256.GreaterThanOrEqual(tail, Vector256.Create((long)j)).AsDouble();
                Vector256<double> v = Vector256.LoadUnsafe(ref first, (nuint)(n - 4));
                Vector256<double> above = (Vector256.GreaterThan(v, target)
                    | (Vector256.Equals(v, target) & Vector256.GreaterThan(tail, trueClass).AsDouble())) & fresh;
                rank += BitOperations.PopCount(above.ExtractMostSignificantBits());
                finite += (v - v) & fresh;
                j = n;
            }

            if (!Vector256.EqualsAll(finite, Vector256<double>.Zero))
            {
                bad = true;
            }
        }

        for (; j < n; j++)
        {
            double v = Unsafe.Add(ref first, j);
            if (v > st || (j > t && v == st))
            {
                rank++;
            }

            if (!double.IsFinite(v))
            {
                bad = true;
            }
        }

        return rank < k;
    }
}
