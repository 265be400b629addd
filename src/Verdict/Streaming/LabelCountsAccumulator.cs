using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Labels;

namespace Verdict.Streaming;

/// <summary>
/// Confusion counts of single-label predictions over labels discovered as batches arrive. Shards whose label
/// sets differ merge correctly: labels are matched by name. Mutable and not thread-safe: give each producer its
/// own accumulator and <see cref="Merge"/> them; any split into batches and any order of merges gives the one-pass
/// counts (weight sums equal up to floating-point rounding).
/// </summary>
public sealed class LabelCountsAccumulator
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Dictionary<(int Actual, int Predicted), (long Rows, double Weight)> _cells = [];
    private double[] _rowWeights = new double[8];
    private double[] _columnWeights = new double[8];

    /// <summary>An empty accumulator; <paramref name="weighted"/> says whether batches carry sample weights.</summary>
    public LabelCountsAccumulator(bool weighted = false) => IsWeighted = weighted;

    /// <summary>Whether batches carry sample weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>Labels seen so far, in first-seen order.</summary>
    public IReadOnlyList<string> Labels => _names;

    /// <summary>Rows added so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds a batch of label pairs.</summary>
    public void Add(IReadOnlyList<string> actual, IReadOnlyList<string> predicted, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        (int[] a, string[] av) = Intern(actual);
        (int[] p, string[] pv) = Intern(predicted);
        Add(a, av, p, pv, weights);
    }

    /// <summary>
    /// Adds a batch of interned label columns (each row's code indexes that column's distinct values), as a file
    /// reader produces them. Pairs are counted on codes, then folded into label names.
    /// </summary>
    public void Add(ReadOnlySpan<int> actualCodes, IReadOnlyList<string> actualValues, ReadOnlySpan<int> predictedCodes,
                    IReadOnlyList<string> predictedValues, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(actualValues);
        ArgumentNullException.ThrowIfNull(predictedValues);
        if (IsWeighted == weights.IsEmpty && actualCodes.Length > 0)
        {
            throw new ArgumentException(IsWeighted
                ? "This accumulator is weighted; give one weight per row."
                : "This accumulator is unweighted; create it with weighted: true to add sample weights.", nameof(weights));
        }

        int codes = Math.Max(actualValues.Count, predictedValues.Count);
        ConfusionMatrix byCode = ConfusionMatrix.Compute(actualCodes, predictedCodes, codes, weights);
        int[] aMap = MapNames(actualValues), pMap = MapNames(predictedValues);
        for (int i = 0; i < actualValues.Count; i++)
        {
            for (int j = 0; j < predictedValues.Count; j++)
            {
                long rows = byCode.CountAt(i, j);
                if (rows > 0)
                {
                    Accumulate(aMap[i], pMap[j], rows, byCode.IsWeighted ? byCode[i, j] : rows);
                }
            }
        }

        if (IsWeighted)
        {
            for (int i = 0; i < actualValues.Count; i++)
            {
                _rowWeights[aMap[i]] += byCode.RowSum(i);
            }

            for (int j = 0; j < predictedValues.Count; j++)
            {
                _columnWeights[pMap[j]] += byCode.ColumnSum(j);
            }
        }

        Rows += actualCodes.Length;
    }

    /// <summary>Adds another accumulator's counts, matching labels by name.</summary>
    /// <exception cref="ArgumentException">One is weighted and the other is not.</exception>
    public void Merge(LabelCountsAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsWeighted != IsWeighted)
        {
            throw new ArgumentException("Cannot merge a weighted accumulator with an unweighted one.", nameof(other));
        }

        int[] map = MapNames(other._names);
        foreach (KeyValuePair<(int Actual, int Predicted), (long Rows, double Weight)> kv in other._cells)
        {
            Accumulate(map[kv.Key.Actual], map[kv.Key.Predicted], kv.Value.Rows, kv.Value.Weight);
        }

        for (int i = 0; i < other._names.Count; i++)
        {
            _rowWeights[map[i]] += other._rowWeights[i];
            _columnWeights[map[i]] += other._columnWeights[i];
        }

        Rows += other.Rows;
    }

    /// <summary>Forgets everything added.</summary>
    public void Reset()
    {
        _index.Clear();
        _names.Clear();
        _cells.Clear();
        Array.Clear(_rowWeights);
        Array.Clear(_columnWeights);
        Rows = 0;
    }

    /// <summary>
    /// The evaluation of everything added: labels in scikit-learn's order, or <paramref name="labels"/> first then the
    /// others. Computing it does not change the accumulator.
    /// </summary>
    public LabelEvaluation ToEvaluation(IReadOnlyList<string>? labels = null)
    {
        LabelMap map = labels is null ? LabelMap.Sorted(_names) : LabelMap.InOrder(labels).Union(_names);
        int k = map.Count;
        var counts = new long[k * k];
        double[]? weights = IsWeighted ? new double[k * k] : null;
        int[] toMap = _names.Select(map.IndexOf).ToArray();
        foreach (KeyValuePair<(int Actual, int Predicted), (long Rows, double Weight)> kv in _cells)
        {
            int cell = (toMap[kv.Key.Actual] * k) + toMap[kv.Key.Predicted];
            counts[cell] += kv.Value.Rows;
            if (weights is not null)
            {
                weights[cell] += kv.Value.Weight;
            }
        }

        double[]? rows = null, cols = null;
        if (IsWeighted)
        {
            rows = new double[k];
            cols = new double[k];
            for (int i = 0; i < _names.Count; i++)
            {
                rows[toMap[i]] = _rowWeights[i];
                cols[toMap[i]] = _columnWeights[i];
            }
        }

        return LabelEvaluation.FromMatrix(map, new ConfusionMatrix(k, counts, weights, rows, cols), labels?.Count);
    }

    /// <summary>Every non-empty cell: (actual label index, predicted label index, rows, weight), labels as in <see cref="Labels"/>.</summary>
    public IEnumerable<(int Actual, int Predicted, long Rows, double Weight)> Cells =>
        _cells.Select(kv => (kv.Key.Actual, kv.Key.Predicted, kv.Value.Rows, kv.Value.Weight));

    /// <summary>Weighted row (actual) and column (predicted) sums per label, in <see cref="Labels"/> order.</summary>
    public (double[] Rows, double[] Columns) Marginals => (_rowWeights[.._names.Count], _columnWeights[.._names.Count]);

    /// <summary>Restores an accumulator from its parts (see <see cref="ReportStateJson"/>).</summary>
    internal static LabelCountsAccumulator Restore(bool weighted, IReadOnlyList<string> labels,
        IEnumerable<(int Actual, int Predicted, long Rows, double Weight)> cells, double[]? rowWeights, double[]? columnWeights)
    {
        var acc = new LabelCountsAccumulator(weighted);
        int[] map = acc.MapNames(labels);
        foreach ((int a, int p, long rows, double weight) in cells)
        {
            acc.Accumulate(map[a], map[p], rows, weight);
            acc.Rows += rows;
        }

        for (int i = 0; i < labels.Count; i++)
        {
            acc._rowWeights[map[i]] += rowWeights?[i] ?? 0;
            acc._columnWeights[map[i]] += columnWeights?[i] ?? 0;
        }

        return acc;
    }

    private void Accumulate(int actual, int predicted, long rows, double weight)
    {
        _cells.TryGetValue((actual, predicted), out (long Rows, double Weight) cell);
        _cells[(actual, predicted)] = (cell.Rows + rows, cell.Weight + weight);
    }

    private int[] MapNames(IReadOnlyList<string> values)
    {
        var map = new int[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            if (!_index.TryGetValue(values[i], out int k))
            {
                k = _names.Count;
                _index[values[i]] = k;
                _names.Add(values[i]);
                if (k >= _rowWeights.Length)
                {
                    Array.Resize(ref _rowWeights, _rowWeights.Length * 2);
                    Array.Resize(ref _columnWeights, _columnWeights.Length * 2);
                }
            }

            map[i] = k;
        }

        return map;
    }

    private static (int[] Codes, string[] Values) Intern(IReadOnlyList<string> labels)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var codes = new int[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (!index.TryGetValue(labels[i], out int c))
            {
                c = values.Count;
                index[labels[i]] = c;
                values.Add(labels[i]);
            }

            codes[i] = c;
        }

        return (codes, [.. values]);
    }
}
