using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verdict.Internal;

/// <summary>Receives the points of an exact curve, highest threshold first.</summary>
internal interface ICurveSink
{
    void Point(double threshold, double truePositives, double falsePositives);
}

/// <summary>Counts the points (to size arrays exactly before a second walk fills them).</summary>
internal struct CountSink : ICurveSink
{
    public int Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Point(double threshold, double truePositives, double falsePositives) => Count++;
}

/// <summary>Writes the points into three arrays; the last point's counts are the totals.</summary>
internal struct ArraySink(double[] thresholds, double[] tps, double[] fps) : ICurveSink
{
    public int Count;
    public double TruePositives;
    public double FalsePositives;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Point(double threshold, double truePositives, double falsePositives)
    {
        thresholds[Count] = threshold;
        tps[Count] = truePositives;
        fps[Count] = falsePositives;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        Count++;
    }
}

/// <summary>
/// Folds the trapezoidal ROC AUC as the points pass, with the totals known up front (unweighted counts): the same
/// arithmetic, in the same order, as <c>CurveMath.RocAuc</c> over the stored curve.
/// </summary>
internal struct AucSink(double positives, double negatives) : ICurveSink
{
    private double _area;
    private double _x0;
    private double _y0;

    public readonly double Value => positives > 0 && negatives > 0 ? _area : double.NaN;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Point(double threshold, double truePositives, double falsePositives)
    {
        double x1 = falsePositives / negatives, y1 = truePositives / positives;
        _area += (x1 - _x0) * (y1 + _y0) / 2.0;
        _x0 = x1;
        _y0 = y1;
    }
}

/// <summary>
/// The sort behind every exact curve (scikit-learn's <c>_binary_clf_curve</c>): the rows are split into positive
/// and negative score keys, each side is sorted on its own (key only, so no label or index travels with the key;
/// when weighted, the weight travels), and one merge from the top emits each distinct threshold with cumulative
/// TP and FP. Unweighted scores that take few distinct values (quantised scores) are counted in a small hash
/// table instead of sorted. Tied rows are summed in scikit-learn's order (stable sort, walked from the end: the
/// highest row index first). Reusable; not thread-safe.
/// </summary>
internal sealed class CurveSorter
{
    private const int CountingLimit = 4096;
    private const int CountingMinRows = 1 << 14;
    private const int ParallelWalk = 1 << 18;
    private ulong[] _keys = [];
    private ulong[] _scratch = [];
    private double[] _weights = [];
    private double[] _weightScratch = [];
    private bool _weighted;
    private bool _counted;
    private ulong[] _distinct = [];
    private long[] _distinctPositives = [];
    private long[] _distinctNegatives = [];
    private int _distinctCount;
    private int _pieceTotal;
    private int _pieceFront;
    private int _pieceBack;
    private int _pieceKept;
    private int _piecePositives;
    private bool _pieceCounted;

    /// <summary>Whether a sort may use several threads (off when the caller already runs one sorter per thread).</summary>
    public bool Parallel { get; set; } = true;

    /// <summary>Rows on the positive side (after dropping zero weights).</summary>
    public int PositiveRows { get; private set; }

    /// <summary>Rows on the negative side.</summary>
    public int NegativeRows { get; private set; }

    /// <summary>Splits unweighted rows (<paramref name="positive"/> true = positive); false when a score is not finite.</summary>
    public bool Split(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive) =>
        SplitCore(new BoolRows(scores, positive));

    /// <summary>Splits unweighted rows with 0/1 labels (1 = positive).</summary>
    public bool Split(ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels) =>
        SplitCore(new ByteRows(scores, labels));

    /// <summary>Splits unweighted rows: label index <paramref name="positiveClass"/> is positive.</summary>
    public bool Split(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, int positiveClass) =>
        SplitCore(new ClassRows(scores, labels, positiveClass));

    /// <summary>Splits column <paramref name="column"/> of a row-major matrix; rows labelled <paramref name="column"/> are positive.</summary>
    public bool SplitColumn(ReadOnlySpan<double> matrix, int columns, int column, ReadOnlySpan<int> labels) =>
        SplitCore(new ColumnRows(matrix, columns, column, labels));

    /// <summary>Splits weighted rows, leaving out rows of weight 0 (they add no threshold), as scikit-learn does.</summary>
    public void SplitWeighted(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, ReadOnlySpan<double> weights)
    {
        int n = scores.Length;
        Ensure(n, weighted: true);
        int p = 0, m = 0;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] != 0)
            {
                m++;
                p += positive[i] ? 1 : 0;
            }
        }

        int pi = 0, ni = p;
        for (int i = 0; i < n; i++)
        {
            double w = weights[i];
            if (w == 0)
            {
                continue;
            }

            int at = positive[i] ? pi++ : ni++;
            _keys[at] = RadixSort.Key(scores[i]);
            _weights[at] = w;
        }

        PositiveRows = p;
        NegativeRows = m - p;
        _weighted = true;
    }

    /// <summary>
    /// Sorts the split rows and emits every distinct threshold, highest first, to <paramref name="sink"/>.
    /// <paramref name="scratch"/> (at least as long as the rows, or empty to use the sorter's own) is overwritten.
    /// The sorted order is kept, so <see cref="EmitAgain{TSink}"/> can walk it again without sorting.
    /// </summary>
    public void Run<TSink>(ref TSink sink, Span<ulong> scratch = default)
        where TSink : struct, ICurveSink
    {
        Sort(scratch);
        EmitAgain(ref sink);
    }

    /// <summary>Sorts the split rows (or counts them when they take few distinct values).</summary>
    public void Sort(Span<ulong> scratch = default)
    {
        int p = PositiveRows, m = p + NegativeRows;
        _counted = !_weighted && m >= CountingMinRows && TryCount(m);
        if (_counted)
        {
            return;
        }

        if (scratch.Length < m)
        {
            if (_scratch.Length < m)
            {
                _scratch = LargeArray.Allocate<ulong>(m);
            }

            scratch = _scratch;
        }

        if (_weighted && _weightScratch.Length < m)
        {
            _weightScratch = LargeArray.Allocate<double>(m);
        }

        SortSide(0, p, scratch);
        SortSide(p, m, scratch);
    }

    /// <summary>
    /// Sorts, then writes the curve into arrays of exactly its length (a counting walk, then a filling walk). Large
    /// unweighted runs are cut at a key into an upper and a lower part walked at once on two threads: the lower
    /// walk starts from the counts above the cut and writes after the upper part's points, so the arrays are the
    /// ones a single walk gives.
    /// </summary>
    public (double[] Thresholds, double[] TruePositives, double[] FalsePositives, double Positives, double Negatives) ToArrays()
    {
        Sort();
        int p = PositiveRows, m = p + NegativeRows;
        if (_counted || _weighted || !Parallel || m < ParallelWalk || Environment.ProcessorCount < 2)
        {
            var counter = new CountSink();
            EmitAgain(ref counter);
            int count = counter.Count;
            double[] thr = LargeArray.Allocate<double>(count), tps = LargeArray.Allocate<double>(count), fps = LargeArray.Allocate<double>(count);
            var sink = new ArraySink(thr, tps, fps);
            EmitAgain(ref sink);
            return (thr, tps, fps, sink.TruePositives, sink.FalsePositives);
        }

        ulong[] keys = _keys;
        ulong cut = p >= m - p ? keys[p / 2] : keys[p + ((m - p) / 2)];
        int ip = UpperBound(keys, 0, p, cut), im = UpperBound(keys, p, m, cut);
        int upper = 0, lower = 0;
        System.Threading.Tasks.Parallel.Invoke(
            () =>
            {
                var c = new CountSink();
                Walk(keys.AsSpan(ip, p - ip), keys.AsSpan(im, m - im), ref c);
                upper = c.Count;
            },
            () =>
            {
                var c = new CountSink();
                Walk(keys.AsSpan(0, ip), keys.AsSpan(p, im - p), ref c);
                lower = c.Count;
            });
        int n = upper + lower;
        double[] thresholds = LargeArray.Allocate<double>(n), truePositives = LargeArray.Allocate<double>(n),
                 falsePositives = LargeArray.Allocate<double>(n);
        System.Threading.Tasks.Parallel.Invoke(
            () =>
            {
                var sink = new ArraySink(thresholds, truePositives, falsePositives);
                Walk(keys.AsSpan(ip, p - ip), keys.AsSpan(im, m - im), ref sink);
            },
            () =>
            {
                var sink = new ArraySink(thresholds, truePositives, falsePositives) { Count = upper };
                Walk(keys.AsSpan(0, ip), keys.AsSpan(p, im - p), ref sink, p - ip, m - im);
            });
        return (thresholds, truePositives, falsePositives, p, m - p);
    }

    /// <summary>The first index in [start, end) of an ascending run whose key is above <paramref name="key"/>.</summary>
    private static int UpperBound(ulong[] keys, int start, int end, ulong key)
    {
        int lo = start, hi = end;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (keys[mid] <= key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Walks the sorted rows again, highest threshold first.</summary>
    public void EmitAgain<TSink>(ref TSink sink)
        where TSink : struct, ICurveSink
    {
        int p = PositiveRows, m = p + NegativeRows;
        if (_counted)
        {
            EmitCounted(ref sink);
        }
        else if (_weighted)
        {
            WalkWeighted(_keys.AsSpan(0, p), _weights.AsSpan(0, p), _keys.AsSpan(p, m - p), _weights.AsSpan(p, m - p), ref sink);
        }
        else
        {
            Walk(_keys.AsSpan(0, p), _keys.AsSpan(p, m - p), ref sink);
        }
    }

    /// <summary>
    /// Merges two ascending key runs from the top: each distinct key is one threshold; TP and FP are the counts of
    /// positive and negative keys at or above it (plus <paramref name="positivesAbove"/> and
    /// <paramref name="negativesAbove"/>, the keys above these runs when a longer walk is split).
    /// </summary>
    public static void Walk<TSink>(ReadOnlySpan<ulong> positives, ReadOnlySpan<ulong> negatives, ref TSink sink,
                                   long positivesAbove = 0, long negativesAbove = 0)
        where TSink : struct, ICurveSink
    {
        int i = positives.Length - 1, j = negatives.Length - 1;
        long tp = positivesAbove, fp = negativesAbove;
        ref ulong pos = ref MemoryMarshal.GetReference(positives);
        ref ulong neg = ref MemoryMarshal.GetReference(negatives);
        while (i >= 0 && j >= 0)
        {
            ulong a = Unsafe.Add(ref pos, i), b = Unsafe.Add(ref neg, j);
            ulong key = a > b ? a : b;
            while (i >= 0 && Unsafe.Add(ref pos, i) == key)
            {
                tp++;
                i--;
            }

            while (j >= 0 && Unsafe.Add(ref neg, j) == key)
            {
                fp++;
                j--;
            }

            sink.Point(RadixSort.Value(key), tp, fp);
        }

        while (i >= 0)
        {
            ulong key = Unsafe.Add(ref pos, i);
            do
            {
                tp++;
                i--;
            }
            while (i >= 0 && Unsafe.Add(ref pos, i) == key);
            sink.Point(RadixSort.Value(key), tp, fp);
        }

        while (j >= 0)
        {
            ulong key = Unsafe.Add(ref neg, j);
            do
            {
                fp++;
                j--;
            }
            while (j >= 0 && Unsafe.Add(ref neg, j) == key);
            sink.Point(RadixSort.Value(key), tp, fp);
        }
    }

    /// <summary><see cref="Walk{TSink}"/> with weights: TP and FP are running sums, highest row first within a tie.</summary>
    public static void WalkWeighted<TSink>(ReadOnlySpan<ulong> positives, ReadOnlySpan<double> positiveWeights,
                                           ReadOnlySpan<ulong> negatives, ReadOnlySpan<double> negativeWeights, ref TSink sink)
        where TSink : struct, ICurveSink
    {
        int i = positives.Length - 1, j = negatives.Length - 1;
        double tp = 0, fp = 0;
        while (i >= 0 || j >= 0)
        {
            ulong a = i >= 0 ? positives[i] : 0, b = j >= 0 ? negatives[j] : 0;
            ulong key = a > b ? a : b;
            while (i >= 0 && positives[i] == key)
            {
                tp += positiveWeights[i];
                i--;
            }

            while (j >= 0 && negatives[j] == key)
            {
                fp += negativeWeights[j];
                j--;
            }

            sink.Point(RadixSort.Value(key), tp, fp);
        }
    }

    private void SortSide(int start, int end, Span<ulong> scratch)
    {
        int n = end - start;
        Span<ulong> keys = _keys.AsSpan(start, n);
        Span<ulong> sorted;
        if (_weighted)
        {
            Span<double> values = _weights.AsSpan(start, n);
            sorted = RadixSort.Sort(keys, scratch.Slice(start, n), values, _weightScratch.AsSpan(start, n), out Span<double> sortedValues, Parallel);
            if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(sortedValues), ref MemoryMarshal.GetReference(values)) && n > 0)
            {
                sortedValues.CopyTo(values);
            }
        }
        else
        {
            sorted = RadixSort.Sort(keys, scratch.Slice(start, n), Parallel);
        }

        if (n > 0 && !Unsafe.AreSame(ref MemoryMarshal.GetReference(sorted), ref MemoryMarshal.GetReference(keys)))
        {
            sorted.CopyTo(keys);
        }
    }

    private void Ensure(int n, bool weighted)
    {
        if (_keys.Length < n)
        {
            _keys = LargeArray.Allocate<ulong>(n);
        }

        if (weighted && _weights.Length < n)
        {
            _weights = LargeArray.Allocate<double>(n);
        }
    }

    /// <summary>
    /// One pass: positive keys fill the buffer from the front, negative keys from the back (their order does not
    /// matter: unweighted keys carry nothing, and equal keys are interchangeable). Returns false when a score is not
    /// finite (the caller then names it).
    /// </summary>
    private bool SplitCore<TRows>(TRows rows)
        where TRows : IRows, allows ref struct
    {
        int n = rows.Length;
        Ensure(n, weighted: false);
        int pi = 0, ni = n - 1;
        bool finite = SplitInto(rows, ref pi, ref ni);
        PositiveRows = pi;
        NegativeRows = n - pi;
        _weighted = false;
        return finite;
    }

    /// <summary>Splits <paramref name="rows"/> into the key buffer: positives at <paramref name="pi"/> upwards, negatives at <paramref name="ni"/> downwards.</summary>
    private bool SplitInto<TRows>(TRows rows, ref int pi, ref int ni)
        where TRows : IRows, allows ref struct
    {
        int n = rows.Length, front = pi, back = ni;
        double finite = 0;
        ref ulong keys = ref MemoryMarshal.GetArrayDataReference(_keys);
        for (int i = 0; i < n; i++)
        {
            double score = rows.Score(i);
            finite += score - score;
            bool positive = rows.Positive(i);
            Unsafe.Add(ref keys, positive ? front : back) = RadixSort.Key(score);
            int step = positive ? 1 : 0;
            front += step;
            back -= 1 - step;
        }

        pi = front;
        ni = back;
        return finite == 0;
    }

    /// <summary>
    /// Starts a split of <paramref name="total"/> rows that arrive in pieces (an accumulator's storage chunks): call
    /// <see cref="SplitPiece"/> for each piece (with <see cref="CountWeightedPiece"/> over all pieces first when
    /// weighted), then <see cref="EndPieces"/>. The keys (and weights) end up exactly where one split of the
    /// concatenated rows puts them.
    /// </summary>
    public void BeginPieces(int total, bool weighted)
    {
        Ensure(total, weighted);
        _pieceTotal = total;
        _pieceFront = 0;
        _pieceBack = total - 1;
        _pieceKept = 0;
        _piecePositives = 0;
        _pieceCounted = false;
        _weighted = weighted;
    }

    /// <summary>Weighted pieces: counts the rows of non-zero weight, and the positive ones among them, before any piece is split.</summary>
    public void CountWeightedPiece(ReadOnlySpan<int> labels, int positiveClass, ReadOnlySpan<double> weights)
    {
        int m = 0, p = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (weights[i] != 0)
            {
                m++;
                p += labels[i] == positiveClass ? 1 : 0;
            }
        }

        _pieceKept += m;
        _piecePositives += p;
    }

    /// <summary>Splits one piece (in row order); rows whose label is <paramref name="positiveClass"/> are positive. False when an unweighted score is not finite.</summary>
    public bool SplitPiece(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, int positiveClass, ReadOnlySpan<double> weights = default)
    {
        if (!_weighted)
        {
            return SplitInto(new ClassRows(scores, labels, positiveClass), ref _pieceFront, ref _pieceBack);
        }

        if (!_pieceCounted)
        {
            // First weighted piece: the counting pass is over; negatives go after the positives, in row order.
            _pieceBack = _piecePositives;
            _pieceCounted = true;
        }

        int pi = _pieceFront, ni = _pieceBack;
        for (int i = 0; i < scores.Length; i++)
        {
            double w = weights[i];
            if (w == 0)
            {
                continue;
            }

            int at = labels[i] == positiveClass ? pi++ : ni++;
            _keys[at] = RadixSort.Key(scores[i]);
            _weights[at] = w;
        }

        _pieceFront = pi;
        _pieceBack = ni;
        return true;
    }

    /// <summary>
    /// Splits one unweighted piece (after <see cref="BeginPieces"/>) into places given by the caller: its positive
    /// rows' keys from <paramref name="front"/> upwards, its negatives' from <paramref name="back"/> downwards, where
    /// one split of the concatenated rows would put them when <paramref name="front"/> is the number of positives and
    /// <c>total − 1 − back</c> the number of negatives in the pieces before it. Pieces write disjoint places, so they
    /// may be split at the same time on several threads. End with <see cref="EndCountedPieces"/>. False when a score
    /// is not finite.
    /// </summary>
    public bool SplitPieceAt(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, int positiveClass, int front, int back) =>
        SplitInto(new ClassRows(scores, labels, positiveClass), ref front, ref back);

    /// <summary>Ends an unweighted split made with <see cref="SplitPieceAt"/>; <paramref name="positives"/> is the positive rows of all pieces.</summary>
    public void EndCountedPieces(int positives)
    {
        PositiveRows = positives;
        NegativeRows = _pieceTotal - positives;
        _pieceCounted = false;
    }

    /// <summary>Ends a split begun by <see cref="BeginPieces"/>.</summary>
    public void EndPieces()
    {
        if (_weighted)
        {
            PositiveRows = _piecePositives;
            NegativeRows = _pieceKept - _piecePositives;
        }
        else
        {
            PositiveRows = _pieceFront;
            NegativeRows = _pieceTotal - _pieceFront;
        }

        _pieceCounted = false;
    }

    /// <summary>
    /// Counts rows per distinct key in an open-addressing table; gives up (false) past
    /// <see cref="CountingLimit"/> distinct keys, which continuous scores reach within a few thousand rows.
    /// </summary>
    private bool TryCount(int m)
    {
        const int TableBits = 13;
        const int TableSize = 1 << TableBits;
        Span<ulong> table = stackalloc ulong[TableSize];
        table.Clear();
        var positives = new long[TableSize];
        var negatives = new long[TableSize];
        int distinct = 0, p = PositiveRows;
        ref ulong keys = ref MemoryMarshal.GetArrayDataReference(_keys);
        for (int i = 0; i < m; i++)
        {
            ulong key = Unsafe.Add(ref keys, i);
            int slot = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> (64 - TableBits));
            while (true)
            {
                ulong held = table[slot];
                if (held == key)
                {
                    break;
                }

                if (held == 0)
                {
                    if (++distinct > CountingLimit)
                    {
                        return false;
                    }

                    table[slot] = key;
                    break;
                }

                slot = (slot + 1) & (TableSize - 1);
            }

            if (i < p)
            {
                positives[slot]++;
            }
            else
            {
                negatives[slot]++;
            }
        }

        if (_distinct.Length < distinct)
        {
            _distinct = new ulong[distinct];
            _distinctPositives = new long[distinct];
            _distinctNegatives = new long[distinct];
        }

        var order = new int[distinct];
        int d = 0;
        for (int s = 0; s < TableSize; s++)
        {
            if (table[s] != 0)
            {
                _distinct[d] = table[s];
                order[d] = s;
                d++;
            }
        }

        Array.Sort(_distinct, order, 0, distinct);
        for (int k = 0; k < distinct; k++)
        {
            _distinctPositives[k] = positives[order[k]];
            _distinctNegatives[k] = negatives[order[k]];
        }

        _distinctCount = distinct;
        return true;
    }

    private void EmitCounted<TSink>(ref TSink sink)
        where TSink : struct, ICurveSink
    {
        long tp = 0, fp = 0;
        for (int k = _distinctCount - 1; k >= 0; k--)
        {
            tp += _distinctPositives[k];
            fp += _distinctNegatives[k];
            sink.Point(RadixSort.Value(_distinct[k]), tp, fp);
        }
    }

    private interface IRows
    {
        int Length { get; }

        double Score(int i);

        bool Positive(int i);
    }

    private readonly ref struct BoolRows(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive) : IRows
    {
        private readonly ReadOnlySpan<double> _scores = scores;
        private readonly ReadOnlySpan<bool> _positive = positive;

        public int Length => _scores.Length;

        public double Score(int i) => _scores[i];

        public bool Positive(int i) => _positive[i];
    }

    private readonly ref struct ByteRows(ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels) : IRows
    {
        private readonly ReadOnlySpan<double> _scores = scores;
        private readonly ReadOnlySpan<byte> _labels = labels;

        public int Length => _scores.Length;

        public double Score(int i) => _scores[i];

        public bool Positive(int i) => _labels[i] == 1;
    }

    private readonly ref struct ClassRows(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, int positiveClass) : IRows
    {
        private readonly ReadOnlySpan<double> _scores = scores;
        private readonly ReadOnlySpan<int> _labels = labels;
        private readonly int _class = positiveClass;

        public int Length => _scores.Length;

        public double Score(int i) => _scores[i];

        public bool Positive(int i) => _labels[i] == _class;
    }

    private readonly ref struct ColumnRows(ReadOnlySpan<double> matrix, int columns, int column, ReadOnlySpan<int> labels) : IRows
    {
        private readonly ReadOnlySpan<double> _matrix = matrix;
        private readonly ReadOnlySpan<int> _labels = labels;
        private readonly int _columns = columns;
        private readonly int _column = column;

        public int Length => _labels.Length;

        public double Score(int i) => _matrix[(i * _columns) + _column];

        public bool Positive(int i) => _labels[i] == _column;
    }
}
