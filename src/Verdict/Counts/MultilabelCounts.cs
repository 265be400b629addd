using System.Globalization;
using Verdict.Internal;

namespace Verdict.Counts;

/// <summary>
/// Counts of a multilabel prediction set (indicator matrices, one 0/1 column per label): per-label 2×2
/// counts (scikit-learn's <c>multilabel_confusion_matrix</c>), the per-row histogram for samples averaging,
/// exact-match and mismatch totals for subset accuracy and Hamming loss. One pass over the matrices.
/// </summary>
public sealed class MultilabelCounts
{
    private readonly BinaryCounts[] _labels;

    private MultilabelCounts(BinaryCounts[] labels, SampleCounts samples, long rows, double totalWeight,
                             double exactMatchWeight, double mismatchWeight, int[] columns)
    {
        _labels = labels;
        Samples = samples;
        Rows = rows;
        TotalWeight = totalWeight;
        ExactMatchWeight = exactMatchWeight;
        MismatchWeight = mismatchWeight;
        Columns = columns;
    }

    /// <summary>Per-label counts of the selected columns, in selection order.</summary>
    public IReadOnlyList<BinaryCounts> Labels => _labels;

    /// <summary>The selected column indices, in order.</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>Per-row TP/FP/FN histogram over the selected columns.</summary>
    public SampleCounts Samples { get; }

    /// <summary>Number of rows.</summary>
    public long Rows { get; }

    /// <summary>Sum of row weights (rows when unweighted).</summary>
    public double TotalWeight { get; }

    /// <summary>Weight of rows whose whole label set was predicted exactly (all columns).</summary>
    public double ExactMatchWeight { get; }

    /// <summary>Sum over rows of weight × number of mismatched cells (all columns).</summary>
    public double MismatchWeight { get; }

    /// <summary>
    /// Counts row-major indicator matrices of <paramref name="labelCount"/> columns. Every cell must be 0 or 1.
    /// <paramref name="columns"/> selects and orders the labels that per-label and samples results cover
    /// (all when empty); subset accuracy and Hamming loss always use every column.
    /// </summary>
    public static MultilabelCounts Compute(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> predicted, int labelCount,
                                           ReadOnlySpan<double> weights = default, ReadOnlySpan<int> columns = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(labelCount);
        Guard.SameLength(actual.Length, predicted.Length, "predicted indicator cells");
        if (actual.Length % labelCount != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Indicator matrices hold {actual.Length} cells, not a multiple of {labelCount} labels."), nameof(actual));
        }

        int n = actual.Length / labelCount;
        Guard.Weights(weights, n);
        CheckIndicator(actual, labelCount, "actual");
        CheckIndicator(predicted, labelCount, "predicted");
        int[] selected = columns.IsEmpty ? Enumerable.Range(0, labelCount).ToArray() : columns.ToArray();
        foreach (int c in selected)
        {
            Guard.Index(c, labelCount, 0, "label column");
        }

        bool[] isSelected = new bool[labelCount];
        foreach (int c in selected)
        {
            isSelected[c] = true;
        }

        var tp = new double[labelCount];
        var fp = new double[labelCount];
        var fn = new double[labelCount];
        var histogram = new Dictionary<(int, int, int), (long, double)>();
        double total = 0, exact = 0, mismatches = 0;
        for (int r = 0; r < n; r++)
        {
            double w = weights.IsEmpty ? 1 : weights[r];
            int rowTp = 0, rowFp = 0, rowFn = 0, rowMismatch = 0;
            int offset = r * labelCount;
            for (int j = 0; j < labelCount; j++)
            {
                int t = actual[offset + j], p = predicted[offset + j];
                rowMismatch += t ^ p;
                if (t == 1 && p == 1)
                {
                    tp[j] += w;
                    if (isSelected[j])
                    {
                        rowTp++;
                    }
                }
                else if (p == 1)
                {
                    fp[j] += w;
                    if (isSelected[j])
                    {
                        rowFp++;
                    }
                }
                else if (t == 1)
                {
                    fn[j] += w;
                    if (isSelected[j])
                    {
                        rowFn++;
                    }
                }
            }

            total += w;
            if (rowMismatch == 0)
            {
                exact += w;
            }

            mismatches += w * rowMismatch;
            var key = (rowTp, rowFp, rowFn);
            histogram.TryGetValue(key, out (long Rows, double Weight) cell);
            histogram[key] = (cell.Rows + 1, cell.Weight + w);
        }

        var labels = new BinaryCounts[selected.Length];
        for (int i = 0; i < selected.Length; i++)
        {
            int j = selected[i];
            labels[i] = new BinaryCounts(tp[j], fp[j], fn[j], total - tp[j] - fp[j] - fn[j]);
        }

        return new MultilabelCounts(labels, new SampleCounts(histogram), n, total, exact, mismatches, selected);
    }

    /// <summary>Builds counts from accumulated sums (the streaming accumulator's snapshot).</summary>
    internal static MultilabelCounts FromSums(BinaryCounts[] labels, Dictionary<(int, int, int), (long, double)> histogram, long rows,
                                              double totalWeight, double exactMatchWeight, double mismatchWeight) =>
        new(labels, new SampleCounts(new Dictionary<(int, int, int), (long, double)>(histogram)), rows, totalWeight,
            exactMatchWeight, mismatchWeight, Enumerable.Range(0, labels.Length).ToArray());

    private static void CheckIndicator(ReadOnlySpan<byte> cells, int labelCount, string what)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (cells[i] > 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The {what} indicator value at row {(i / labelCount) + 1}, label {i % labelCount} is {cells[i]}; multilabel cells must be 0 or 1."), what);
            }
        }
    }
}
