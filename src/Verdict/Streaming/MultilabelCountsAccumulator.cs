using Verdict.Counts;

namespace Verdict.Streaming;

/// <summary>
/// Multilabel counts (per-label TP/FP/FN, the per-row histogram for samples averaging, exact-match and mismatch
/// totals) built batch by batch. Mutable, not thread-safe (see <see cref="ConcurrentAccumulator{T}"/>); <see cref="Merge"/> is associative and commutative.
/// </summary>
public sealed class MultilabelCountsAccumulator : IMergeable<MultilabelCountsAccumulator>
{
    private readonly double[] _tp, _fp, _fn;
    private readonly Dictionary<(int, int, int), (long, double)> _histogram = [];

    /// <summary>An empty accumulator for <paramref name="labelCount"/> labels.</summary>
    public MultilabelCountsAccumulator(int labelCount, bool weighted = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(labelCount);
        LabelCount = labelCount;
        IsWeighted = weighted;
        _tp = new double[labelCount];
        _fp = new double[labelCount];
        _fn = new double[labelCount];
    }

    /// <summary>Number of labels.</summary>
    public int LabelCount { get; }

    /// <summary>Whether batches carry sample weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    private double TotalWeight { get; set; }

    private double ExactWeight { get; set; }

    private double MismatchWeight { get; set; }

    /// <summary>Adds row-major 0/1 indicator matrices of <see cref="LabelCount"/> columns.</summary>
    public void Add(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> predicted, ReadOnlySpan<double> weights = default)
    {
        if (IsWeighted == weights.IsEmpty && actual.Length > 0)
        {
            throw new ArgumentException(IsWeighted ? "This accumulator is weighted; give one weight per row." : "This accumulator is unweighted.", nameof(weights));
        }

        AddCounts(MultilabelCounts.Compute(actual, predicted, LabelCount, weights));
    }

    /// <summary>Adds another accumulator's counts.</summary>
    public void Merge(MultilabelCountsAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.LabelCount != LabelCount || other.IsWeighted != IsWeighted)
        {
            throw new ArgumentException($"Cannot merge: label counts ({LabelCount} vs {other.LabelCount}) or weighting differ.", nameof(other));
        }

        for (int j = 0; j < LabelCount; j++)
        {
            _tp[j] += other._tp[j];
            _fp[j] += other._fp[j];
            _fn[j] += other._fn[j];
        }

        foreach (KeyValuePair<(int, int, int), (long, double)> kv in other._histogram)
        {
            AddCell(kv.Key, kv.Value.Item1, kv.Value.Item2);
        }

        Rows += other.Rows;
        TotalWeight += other.TotalWeight;
        ExactWeight += other.ExactWeight;
        MismatchWeight += other.MismatchWeight;
    }

    /// <summary>Forgets everything added.</summary>
    public void Reset()
    {
        Array.Clear(_tp);
        Array.Clear(_fp);
        Array.Clear(_fn);
        _histogram.Clear();
        Rows = 0;
        TotalWeight = ExactWeight = MismatchWeight = 0;
    }

    /// <summary>An immutable snapshot.</summary>
    public MultilabelCounts ToCounts()
    {
        var labels = new BinaryCounts[LabelCount];
        for (int j = 0; j < LabelCount; j++)
        {
            labels[j] = new BinaryCounts(_tp[j], _fp[j], _fn[j], TotalWeight - _tp[j] - _fp[j] - _fn[j]);
        }

        return MultilabelCounts.FromSums(labels, _histogram, Rows, TotalWeight, ExactWeight, MismatchWeight);
    }

    /// <summary>Restores an accumulator from a snapshot (used by state files).</summary>
    public static MultilabelCountsAccumulator FromCounts(MultilabelCounts counts, bool weighted)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var acc = new MultilabelCountsAccumulator(counts.Labels.Count, weighted);
        acc.AddCounts(counts);
        return acc;
    }

    private void AddCounts(MultilabelCounts batch)
    {
        for (int j = 0; j < LabelCount; j++)
        {
            _tp[j] += batch.Labels[j].TruePositives;
            _fp[j] += batch.Labels[j].FalsePositives;
            _fn[j] += batch.Labels[j].FalseNegatives;
        }

        foreach ((int tp, int fp, int fn, long rows, double weight) in batch.Samples.Triples)
        {
            AddCell((tp, fp, fn), rows, weight);
        }

        Rows += batch.Rows;
        TotalWeight += batch.TotalWeight;
        ExactWeight += batch.ExactMatchWeight;
        MismatchWeight += batch.MismatchWeight;
    }

    private void AddCell((int, int, int) key, long rows, double weight)
    {
        _histogram.TryGetValue(key, out (long Rows, double Weight) cell);
        _histogram[key] = (cell.Rows + rows, cell.Weight + weight);
    }
}
