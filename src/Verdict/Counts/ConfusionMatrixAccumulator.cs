using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Verdict.Internal;

namespace Verdict.Counts;

/// <summary>
/// Builds a confusion matrix batch by batch. Mutable, not thread-safe: give each thread its own and
/// <see cref="Merge"/> them. Any split into batches gives the same matrix as one pass.
/// </summary>
public sealed class ConfusionMatrixAccumulator
{
    private const int ParallelThreshold = 1 << 18;
    private const int SmallMatrix = 4096;
    private readonly long[] _counts;
    private readonly double[]? _weights;
    private readonly double[]? _rowWeights;
    private readonly double[]? _columnWeights;

    /// <summary>An empty accumulator for <paramref name="classCount"/> classes; <paramref name="weighted"/> says whether batches carry sample weights.</summary>
    public ConfusionMatrixAccumulator(int classCount, bool weighted = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classCount);
        ClassCount = classCount;
        _counts = Zeroed<long>(classCount * classCount);
        _weights = weighted ? new double[classCount * classCount] : null;
        _rowWeights = weighted ? new double[classCount] : null;
        _columnWeights = weighted ? new double[classCount] : null;
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Whether batches carry sample weights.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>Adds a batch of label pairs (dense indices) with optional weights.</summary>
    public void Add(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, ReadOnlySpan<double> weights = default)
    {
        Guard.SameLength(actual.Length, predicted.Length, "predicted labels");
        if (IsWeighted != !weights.IsEmpty && actual.Length > 0)
        {
            throw new ArgumentException(IsWeighted
                ? "This accumulator is weighted; give one weight per row."
                : "This accumulator is unweighted; create it with weighted: true to add sample weights.", nameof(weights));
        }

        Guard.Weights(weights, actual.Length);
        if (_weights is not null)
        {
            CheckRange(actual, "actual");
            CheckRange(predicted, "predicted");
            CountWeighted(actual, predicted, weights, ClassCount);
            return;
        }

        // The range check is folded into the counting pass: a row out of range is skipped and flagged, then the
        // counts of this batch are dropped and the check below names the first bad row.
        bool bad = actual.Length >= ParallelThreshold && Environment.ProcessorCount > 1
            ? CountParallel(actual, predicted)
            : CountInto(actual, predicted, _counts);
        if (bad)
        {
            CheckRange(actual, "actual");
            CheckRange(predicted, "predicted");
        }
    }

    /// <summary>Adds another accumulator's counts (associative and commutative).</summary>
    public void Merge(ConfusionMatrixAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ClassCount != ClassCount || other.IsWeighted != IsWeighted)
        {
            throw new ArgumentException("Accumulators differ in class count or weighting and cannot be merged.", nameof(other));
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        if (_weights is not null)
        {
            for (int i = 0; i < _weights.Length; i++)
            {
                _weights[i] += other._weights![i];
            }

            for (int i = 0; i < ClassCount; i++)
            {
                _rowWeights![i] += other._rowWeights![i];
                _columnWeights![i] += other._columnWeights![i];
            }
        }
    }

    /// <summary>Clears all counts.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        if (_weights is not null)
        {
            Array.Clear(_weights);
            Array.Clear(_rowWeights!);
            Array.Clear(_columnWeights!);
        }
    }

    /// <summary>An immutable snapshot of the counts so far.</summary>
    public ConfusionMatrix ToMatrix() => new(ClassCount, Copy(_counts), (double[]?)_weights?.Clone(),
                                             (double[]?)_rowWeights?.Clone(), (double[]?)_columnWeights?.Clone());

    private void CheckRange(ReadOnlySpan<int> indices, string what)
    {
        uint k = (uint)ClassCount;
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= k)
            {
                Guard.Index(indices[i], ClassCount, i, what);
            }
        }
    }

    private void CountWeighted(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, ReadOnlySpan<double> weights, int k)
    {
        // Row and column weight sums are kept in row order, as scikit-learn's bincount adds them.
        double[] sums = _weights!, rows = _rowWeights!, columns = _columnWeights!;
        for (int i = 0; i < actual.Length; i++)
        {
            int a = actual[i], p = predicted[i];
            double w = weights[i];
            _counts[(a * k) + p]++;
            sums[(a * k) + p] += w;
            rows[a] += w;
            columns[p] += w;
        }
    }

    /// <summary>
    /// Counts into <paramref name="target"/> through 32-bit cells (half the cache footprint of 64-bit ones; a span
    /// has fewer than 2³¹ rows, so no cell can overflow), with two interleaved tables when the matrix is small so
    /// that repeated cells do not wait on each other's increments. Returns true (and adds nothing) when a label is
    /// out of range.
    /// </summary>
    private bool CountInto(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, long[] target)
    {
        int k = ClassCount, cells = k * k;
        if (actual.IsEmpty)
        {
            return false;
        }

        if (actual.Length < Math.Max(cells, 1 << 12))
        {
            // A small batch: check, then count straight into the 64-bit cells (no private table to allocate).
            if (!InRange(actual, k) || !InRange(predicted, k))
            {
                return true;
            }

            ref long direct = ref MemoryMarshal.GetArrayDataReference(target);
            for (int i = 0; i < actual.Length; i++)
            {
                Unsafe.Add(ref direct, (actual[i] * k) + predicted[i])++;
            }

            return false;
        }

        bool twoTables = cells <= SmallMatrix;
        int[] local = Zeroed<int>(twoTables ? 2 * cells : cells);
        bool bad = twoTables ? CountTwoTables(actual, predicted, local, k) : CountOneTable(actual, predicted, local, k);
        if (bad)
        {
            return true;
        }

        for (int i = 0; i < cells; i++)
        {
            target[i] += local[i];
        }

        if (twoTables)
        {
            for (int i = 0; i < cells; i++)
            {
                target[i] += local[cells + i];
            }
        }

        return false;
    }

    private static bool InRange(ReadOnlySpan<int> indices, int k)
    {
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)k)
            {
                return false;
            }
        }

        return true;
    }

    private static bool CountOneTable(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int[] counts, int k)
    {
        ref int cells = ref MemoryMarshal.GetArrayDataReference(counts);
        ref int a = ref MemoryMarshal.GetReference(actual);
        ref int p = ref MemoryMarshal.GetReference(predicted);
        uint uk = (uint)k;
        for (int i = 0; i < actual.Length; i++)
        {
            int ai = Unsafe.Add(ref a, i), pi = Unsafe.Add(ref p, i);
            if ((uint)ai >= uk || (uint)pi >= uk)
            {
                return true;
            }

            Unsafe.Add(ref cells, (ai * k) + pi)++;
        }

        return false;
    }

    private static bool CountTwoTables(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int[] counts, int k)
    {
        ref int first = ref MemoryMarshal.GetArrayDataReference(counts);
        ref int second = ref Unsafe.Add(ref first, k * k);
        ref int a = ref MemoryMarshal.GetReference(actual);
        ref int p = ref MemoryMarshal.GetReference(predicted);
        uint uk = (uint)k;
        int n = actual.Length, i = 0;
        for (; i + 2 <= n; i += 2)
        {
            int a0 = Unsafe.Add(ref a, i), p0 = Unsafe.Add(ref p, i), a1 = Unsafe.Add(ref a, i + 1), p1 = Unsafe.Add(ref p, i + 1);
            if (((uint)a0 >= uk) | ((uint)p0 >= uk) | ((uint)a1 >= uk) | ((uint)p1 >= uk))
            {
                return true;
            }

            Unsafe.Add(ref first, (a0 * k) + p0)++;
            Unsafe.Add(ref second, (a1 * k) + p1)++;
        }

        if (i < n)
        {
            int a0 = Unsafe.Add(ref a, i), p0 = Unsafe.Add(ref p, i);
            if ((uint)a0 >= uk || (uint)p0 >= uk)
            {
                return true;
            }

            Unsafe.Add(ref first, (a0 * k) + p0)++;
        }

        return false;
    }

    /// <summary>
    /// Chunked parallel counting, one private 32-bit table per chunk (two interleaved for small matrices), added
    /// into the 64-bit cells at the end; true when a label is out of range.
    /// </summary>
    private unsafe bool CountParallel(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        int workers = Math.Min(Environment.ProcessorCount, 8);
        int n = actual.Length, k = ClassCount, cells = k * k;
        bool twoTables = cells <= SmallMatrix;
        int tableLength = twoTables ? 2 * cells : cells;
        var tables = new int[workers][];
        int anyBad = 0;
        fixed (int* pa = actual)
        fixed (int* pp = predicted)
        {
            int* a = pa, p = pp;
            Parallel.For(0, workers, w =>
            {
                int start = (int)((long)n * w / workers), end = (int)((long)n * (w + 1) / workers);
                int[] table = Zeroed<int>(tableLength);
                var chunkActual = new ReadOnlySpan<int>(a + start, end - start);
                var chunkPredicted = new ReadOnlySpan<int>(p + start, end - start);
                bool bad = twoTables ? CountTwoTables(chunkActual, chunkPredicted, table, k) : CountOneTable(chunkActual, chunkPredicted, table, k);
                if (bad)
                {
                    Interlocked.Exchange(ref anyBad, 1);
                }

                tables[w] = table;
            });
        }

        if (anyBad != 0)
        {
            return true;
        }

        foreach (int[] table in tables)
        {
            for (int i = 0; i < cells; i++)
            {
                _counts[i] += table[i];
            }

            if (twoTables)
            {
                for (int i = 0; i < cells; i++)
                {
                    _counts[i] += table[cells + i];
                }
            }
        }

        return false;
    }

    /// <summary>A zeroed array; large ones come huge-page advised (first-touch page faults dominate on virtual machines).</summary>
    private static T[] Zeroed<T>(int length)
        where T : unmanaged
    {
        T[] array = LargeArray.Allocate<T>(length);
        Array.Clear(array);
        return array;
    }

    private static long[] Copy(long[] counts)
    {
        long[] copy = LargeArray.Allocate<long>(counts.Length);
        counts.CopyTo(copy, 0);
        return copy;
    }
}
