using Verdict.Internal;
using Verdict.Streaming;

namespace Verdict.Counts;

/// <summary>
/// Builds a confusion matrix batch by batch. Any split into batches gives the same matrix as one pass. A batch of
/// 32,768 rows or more is counted on several cores (one private table per core, added at the end: the same counts);
/// after the first batches, an unweighted <see cref="Add"/> allocates nothing. Mutable, not thread-safe: give each
/// thread its own and <see cref="Merge"/> them, or share one through <see cref="ConcurrentAccumulator{T}"/>.
/// </summary>
public sealed class ConfusionMatrixAccumulator : IMergeable<ConfusionMatrixAccumulator>
{
    private readonly long[] _counts;
    private readonly double[]? _weights;
    private readonly double[]? _rowWeights;
    private readonly double[]? _columnWeights;
    private PairCounter? _counter;

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
        _counter ??= new PairCounter();
        if (_counter.Count(actual, predicted, ClassCount, ClassCount, _counts))
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
