using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Internal;
using Verdict.Labels;

namespace Verdict.Streaming;

/// <summary>
/// Confusion counts of single-label predictions over labels discovered as batches arrive. Shards whose label
/// sets differ merge correctly: labels are matched by name. Mutable and not thread-safe: give each producer its
/// own accumulator and <see cref="Merge"/> them (or share one through <see cref="ConcurrentAccumulator{T}"/>); any
/// split into batches and any order of merges gives the one-pass counts (weight sums equal up to floating-point
/// rounding).
/// </summary>
/// <remarks>
/// The counts live in a dense matrix over the labels seen so far (rows actual, columns predicted, in first-seen
/// order), which doubles when a new label no longer fits. A batch of interned columns is counted in code space
/// (over both cores when it is large) and folded into the label matrix through a cached code-to-label map: when a
/// caller passes the same values list again, even grown, only its new entries are looked up, so after the first
/// batches an unweighted <c>Add</c> allocates nothing.
/// </remarks>
public sealed class LabelCountsAccumulator : IMergeable<LabelCountsAccumulator>
{
    private const int FirstCapacity = 8;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly ValueMap _actualMap = new();
    private readonly ValueMap _predictedMap = new();
    private int _capacity = FirstCapacity;
    private long[] _counts = new long[FirstCapacity * FirstCapacity];
    private double[]? _weights;
    private double[] _rowWeights = new double[FirstCapacity];
    private double[] _columnWeights = new double[FirstCapacity];
    private PairCounter? _counter;
    private long[] _codeCounts = [];

    /// <summary>An empty accumulator; <paramref name="weighted"/> says whether batches carry sample weights.</summary>
    public LabelCountsAccumulator(bool weighted = false)
    {
        IsWeighted = weighted;
        _weights = weighted ? new double[FirstCapacity * FirstCapacity] : null;
    }

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
    /// reader produces them. Pairs are counted on codes, then folded into label names. The values lists may be the
    /// same instances from batch to batch, growing as new values appear; entries are matched to labels by name.
    /// </summary>
    /// <exception cref="ArgumentException">The columns differ in length, weights are missing or not expected, or a weight is negative or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside its values list (the row is named).</exception>
    public void Add(ReadOnlySpan<int> actualCodes, IReadOnlyList<string> actualValues, ReadOnlySpan<int> predictedCodes,
                    IReadOnlyList<string> predictedValues, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(actualValues);
        ArgumentNullException.ThrowIfNull(predictedValues);
        Guard.SameLength(actualCodes.Length, predictedCodes.Length, "predicted labels");
        if (IsWeighted == weights.IsEmpty && actualCodes.Length > 0)
        {
            throw new ArgumentException(IsWeighted
                ? "This accumulator is weighted; give one weight per row."
                : "This accumulator is unweighted; create it with weighted: true to add sample weights.", nameof(weights));
        }

        Guard.Weights(weights, actualCodes.Length);
        int rows = actualValues.Count, columns = predictedValues.Count;
        bool byCodes = !IsWeighted && (long)rows * columns <= Math.Max(actualCodes.Length, 1 << 12);
        if (byCodes)
        {
            // Few distinct codes for the batch: count pairs of codes with the shared kernel (parallel when large);
            // the range check is folded into the count, which adds nothing when a code is out of range.
            int cells = rows * columns;
            if (_codeCounts.Length < cells)
            {
                _codeCounts = new long[Math.Max(cells, 2 * _codeCounts.Length)];
            }

            _codeCounts.AsSpan(0, cells).Clear();
            _counter ??= new PairCounter();
            if (_counter.Count(actualCodes, predictedCodes, rows, columns, _codeCounts))
            {
                CheckCodes(actualCodes, rows, "actual");
                CheckCodes(predictedCodes, columns, "predicted");
            }
        }
        else
        {
            CheckCodes(actualCodes, rows, "actual");
            CheckCodes(predictedCodes, columns, "predicted");
        }

        // The batch is valid: only now may its values become labels.
        ReadOnlySpan<int> aMap = _actualMap.Update(actualValues, this), pMap = _predictedMap.Update(predictedValues, this);
        if (byCodes)
        {
            // Each code pair's count goes to its label cell.
            ReadOnlySpan<long> byCode = _codeCounts.AsSpan(0, rows * columns);
            Span<long> counts = _counts;
            int capacity = _capacity;
            for (int i = 0; i < rows; i++)
            {
                Span<long> row = counts.Slice(aMap[i] * capacity, capacity);
                ReadOnlySpan<long> source = byCode.Slice(i * columns, columns);
                for (int j = 0; j < source.Length; j++)
                {
                    row[pMap[j]] += source[j];
                }
            }
        }
        else if (IsWeighted)
        {
            AddWeighted(actualCodes, aMap, predictedCodes, pMap, weights);
        }
        else
        {
            // Many distinct codes against the batch's rows: count each row straight into its label cell.
            int capacity = _capacity;
            for (int r = 0; r < actualCodes.Length; r++)
            {
                _counts[(aMap[actualCodes[r]] * capacity) + pMap[predictedCodes[r]]]++;
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

        int k = other._names.Count, otherCapacity = other._capacity;
        int[] map = MapNames(other._names);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int cell = (i * otherCapacity) + j;
                long rows = other._counts[cell];
                if (rows > 0)
                {
                    Accumulate(map[i], map[j], rows, other._weights?[cell] ?? 0);
                }
            }
        }

        if (IsWeighted)
        {
            for (int i = 0; i < k; i++)
            {
                _rowWeights[map[i]] += other._rowWeights[i];
                _columnWeights[map[i]] += other._columnWeights[i];
            }
        }

        Rows += other.Rows;
    }

    /// <summary>Forgets everything added (the storage is kept).</summary>
    public void Reset()
    {
        _index.Clear();
        _names.Clear();
        _actualMap.Clear();
        _predictedMap.Clear();
        Array.Clear(_counts);
        if (_weights is not null)
        {
            Array.Clear(_weights);
        }

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
        int k = map.Count, n = _names.Count;
        var counts = new long[k * k];
        double[]? weights = IsWeighted ? new double[k * k] : null;
        var toMap = new int[n];
        for (int i = 0; i < n; i++)
        {
            toMap[i] = map.IndexOf(_names[i]);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int from = (i * _capacity) + j, to = (toMap[i] * k) + toMap[j];
                counts[to] += _counts[from];
                if (weights is not null)
                {
                    weights[to] += _weights![from];
                }
            }
        }

        double[]? rows = null, cols = null;
        if (IsWeighted)
        {
            rows = new double[k];
            cols = new double[k];
            for (int i = 0; i < n; i++)
            {
                rows[toMap[i]] = _rowWeights[i];
                cols[toMap[i]] = _columnWeights[i];
            }
        }

        return LabelEvaluation.FromMatrix(map, new ConfusionMatrix(k, counts, weights, rows, cols), labels?.Count);
    }

    /// <summary>
    /// Every non-empty cell, row by row: (actual label index, predicted label index, rows, weight), labels as in
    /// <see cref="Labels"/>; unweighted, the weight is the row count.
    /// </summary>
    public IEnumerable<(int Actual, int Predicted, long Rows, double Weight)> Cells
    {
        get
        {
            // A snapshot, so the enumeration does not see later batches.
            var cells = new List<(int, int, long, double)>();
            int n = _names.Count;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    int cell = (i * _capacity) + j;
                    long rows = _counts[cell];
                    if (rows > 0)
                    {
                        cells.Add((i, j, rows, _weights is null ? rows : _weights[cell]));
                    }
                }
            }

            return cells;
        }
    }

    /// <summary>Weighted row (actual) and column (predicted) sums per label, in <see cref="Labels"/> order (zeros when unweighted).</summary>
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

        if (weighted)
        {
            for (int i = 0; i < labels.Count; i++)
            {
                acc._rowWeights[map[i]] += rowWeights?[i] ?? 0;
                acc._columnWeights[map[i]] += columnWeights?[i] ?? 0;
            }
        }

        return acc;
    }

    private void AddWeighted(ReadOnlySpan<int> actual, ReadOnlySpan<int> aMap, ReadOnlySpan<int> predicted, ReadOnlySpan<int> pMap,
                             ReadOnlySpan<double> weights)
    {
        // Row by row into the label cells, so each cell's weight is summed in row order as in one pass.
        double[] sums = _weights!, rowSums = _rowWeights, columnSums = _columnWeights;
        int capacity = _capacity;
        for (int r = 0; r < actual.Length; r++)
        {
            int a = aMap[actual[r]], p = pMap[predicted[r]];
            double w = weights[r];
            _counts[(a * capacity) + p]++;
            sums[(a * capacity) + p] += w;
            rowSums[a] += w;
            columnSums[p] += w;
        }
    }

    private static void CheckCodes(ReadOnlySpan<int> codes, int count, string what)
    {
        for (int i = 0; i < codes.Length; i++)
        {
            if ((uint)codes[i] >= (uint)count)
            {
                Guard.Index(codes[i], count, i, what);
            }
        }
    }

    private void Accumulate(int actual, int predicted, long rows, double weight)
    {
        int cell = (actual * _capacity) + predicted;
        _counts[cell] += rows;
        if (_weights is not null)
        {
            _weights[cell] += weight;
        }
    }

    /// <summary>The label index of <paramref name="name"/>, adding it (and growing the matrix) when new.</summary>
    private int LabelIndex(string name)
    {
        if (_index.TryGetValue(name, out int k))
        {
            return k;
        }

        k = _names.Count;
        _index[name] = k;
        _names.Add(name);
        if (k >= _capacity)
        {
            Grow();
        }

        return k;
    }

    /// <summary>Doubles the label capacity, moving each row of the matrix to its new place.</summary>
    private void Grow()
    {
        int old = _capacity, capacity = old * 2;
        _counts = Regrid(_counts, old, capacity);
        if (_weights is not null)
        {
            _weights = Regrid(_weights, old, capacity);
        }

        Array.Resize(ref _rowWeights, capacity);
        Array.Resize(ref _columnWeights, capacity);
        _capacity = capacity;
    }

    private static T[] Regrid<T>(T[] cells, int old, int capacity)
    {
        var grown = new T[capacity * capacity];
        for (int i = 0; i < old; i++)
        {
            Array.Copy(cells, i * old, grown, i * capacity, old);
        }

        return grown;
    }

    private int[] MapNames(IReadOnlyList<string> values)
    {
        var map = new int[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            map[i] = LabelIndex(values[i]);
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

    /// <summary>
    /// A cached map from one caller's values list to label indices. The same list instance passed again is checked
    /// entry by entry (by reference, so a list whose entries were replaced is remapped where they changed) and
    /// only entries not seen before are looked up by name.
    /// </summary>
    private sealed class ValueMap
    {
        private IReadOnlyList<string>? _list;
        private string[] _seen = [];
        private int[] _map = [];
        private int _count;

        public ReadOnlySpan<int> Update(IReadOnlyList<string> values, LabelCountsAccumulator owner)
        {
            if (!ReferenceEquals(values, _list))
            {
                _list = values;
                _count = 0;
            }

            int n = values.Count;
            if (_map.Length < n)
            {
                int length = Math.Max(n, 2 * _map.Length);
                Array.Resize(ref _map, length);
                Array.Resize(ref _seen, length);
            }

            int known = Math.Min(_count, n);
            if (values is string[] array)
            {
                // The common case (a reader's distinct values): read the array directly, not through the interface.
                for (int i = 0; i < known; i++)
                {
                    if (!ReferenceEquals(array[i], _seen[i]))
                    {
                        Remap(i, array[i], owner);
                    }
                }

                for (int i = known; i < n; i++)
                {
                    Remap(i, array[i], owner);
                }
            }
            else
            {
                for (int i = 0; i < known; i++)
                {
                    string value = values[i];
                    if (!ReferenceEquals(value, _seen[i]))
                    {
                        Remap(i, value, owner);
                    }
                }

                for (int i = known; i < n; i++)
                {
                    Remap(i, values[i], owner);
                }
            }

            _count = n;
            return _map.AsSpan(0, n);
        }

        private void Remap(int i, string value, LabelCountsAccumulator owner)
        {
            _seen[i] = value;
            _map[i] = owner.LabelIndex(value);
        }

        public void Clear()
        {
            _list = null;
            _count = 0;
            Array.Clear(_seen);
        }
    }
}
