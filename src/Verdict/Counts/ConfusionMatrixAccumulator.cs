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
    private const int ParallelThreshold = 1 << 20;
    private readonly long[] _counts;
    private readonly double[]? _weights;
    private readonly double[]? _rowWeights;
    private readonly double[]? _columnWeights;

    /// <summary>An empty accumulator for <paramref name="classCount"/> classes; <paramref name="weighted"/> says whether batches carry sample weights.</summary>
    public ConfusionMatrixAccumulator(int classCount, bool weighted = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classCount);
        ClassCount = classCount;
        _counts = new long[classCount * classCount];
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
        CheckRange(actual, "actual");
        CheckRange(predicted, "predicted");
        if (_weights is not null)
        {
            CountWeighted(actual, predicted, weights, ClassCount);
        }
        else if (actual.Length >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            CountParallel(actual, predicted);
        }
        else
        {
            Count(actual, predicted, _counts, ClassCount);
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
    public ConfusionMatrix ToMatrix() => new(ClassCount, (long[])_counts.Clone(), (double[]?)_weights?.Clone(),
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

    private static void Count(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, long[] counts, int k)
    {
        ref long cells = ref MemoryMarshal.GetArrayDataReference(counts);
        ref int a = ref MemoryMarshal.GetReference(actual);
        ref int p = ref MemoryMarshal.GetReference(predicted);
        for (int i = 0; i < actual.Length; i++)
        {
            Unsafe.Add(ref cells, (Unsafe.Add(ref a, i) * k) + Unsafe.Add(ref p, i))++;
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

    private unsafe void CountParallel(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        int workers = Math.Min(Environment.ProcessorCount, 8);
        int n = actual.Length, k = ClassCount;
        var partials = new long[workers][];
        fixed (int* pa = actual)
        fixed (int* pp = predicted)
        {
            int* a = pa, p = pp;
            Parallel.For(0, workers, w =>
            {
                int start = (int)((long)n * w / workers), end = (int)((long)n * (w + 1) / workers);
                var local = new long[k * k];
                Count(new ReadOnlySpan<int>(a + start, end - start), new ReadOnlySpan<int>(p + start, end - start), local, k);
                partials[w] = local;
            });
        }

        foreach (long[] local in partials)
        {
            for (int i = 0; i < local.Length; i++)
            {
                _counts[i] += local[i];
            }
        }
    }
}
