using Verdict.Curves;
using Verdict.Internal;

namespace Verdict.Streaming;

/// <summary>
/// The exact-curve statistic, kept row by row: one score per row and per score column, the row's actual class and
/// weight. O(N) memory (use <see cref="BinnedCurveAccumulator"/> for O(bins)). Binary: one column and a 0/1 class;
/// multiclass: one column per class (row-major) and a class index; multilabel: one column per label and a 0/1 cell
/// per label. Appending batches and merging shards (in any order) give the one-pass curves and AUCs: sorting makes
/// them independent of row order. Mutable, not thread-safe (see <see cref="ConcurrentAccumulator{T}"/>).
/// </summary>
/// <remarks>
/// Rows are stored in chunks that are never copied as more arrive: each new chunk is as large as all the rows
/// before it, up to about four million values (32 MB of scores), so appending N rows writes each value once and
/// allocates at most about twice N values of storage (less once the chunks reach their cap). <see cref="ToCurve"/> reads the chunks where they are. Reading <see cref="Scores"/>,
/// <see cref="Targets"/> or <see cref="Weights"/> when the rows span several chunks first gathers them into one
/// chunk (one copy, once until more rows arrive). A capacity given to the constructor makes the first chunk that
/// large, so up to that many rows stay in one chunk.
/// </remarks>
public sealed class ScoreAccumulator : IMergeable<ScoreAccumulator>
{
    private const int FirstChunkRows = 1 << 12;
    private const int DefaultChunkValues = 1 << 22;
    private const int ParallelSplitRows = 1 << 18;
    private const int LargeChunkRows = LargeArray.HugePageBytes / sizeof(double);
    private readonly List<Chunk> _chunks = [];
    private readonly int _capacity;
    private readonly int _maxChunkValues;
    private int _current;

    /// <summary>An empty accumulator of <paramref name="columns"/> score columns per row.</summary>
    /// <param name="columns">Score columns per row (1 for binary).</param>
    /// <param name="targetsPerRow">Targets per row: 1 (a class index or 0/1) or, for multilabel, one 0/1 per column.</param>
    /// <param name="weighted">Whether rows carry sample weights.</param>
    /// <param name="capacity">Rows expected, when known (0: unknown). The first chunk holds this many rows; more may still be added.</param>
    public ScoreAccumulator(int columns, int targetsPerRow = 1, bool weighted = false, int capacity = 0)
        : this(columns, targetsPerRow, weighted, capacity, DefaultChunkValues)
    {
    }

    /// <summary>An accumulator whose chunks hold at most about <paramref name="maxChunkValues"/> values (tests use small chunks).</summary>
    internal ScoreAccumulator(int columns, int targetsPerRow, bool weighted, int capacity, int maxChunkValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetsPerRow);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Columns = columns;
        TargetsPerRow = targetsPerRow;
        IsWeighted = weighted;
        _capacity = (int)Math.Min(capacity, MaxRows);
        _maxChunkValues = maxChunkValues;
    }

    /// <summary>Score columns per row.</summary>
    public int Columns { get; }

    /// <summary>Targets per row.</summary>
    public int TargetsPerRow { get; }

    /// <summary>Whether rows carry weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>Rows added.</summary>
    public int Rows { get; private set; }

    /// <summary>All scores, row-major (gathers the chunks into one first; see the remarks).</summary>
    public ReadOnlySpan<double> Scores => Gathered() is Chunk c ? c.Scores.AsSpan(0, Rows * Columns) : [];

    /// <summary>All targets, row-major (gathers the chunks into one first; see the remarks).</summary>
    public ReadOnlySpan<int> Targets => Gathered() is Chunk c ? c.Targets.AsSpan(0, Rows * TargetsPerRow) : [];

    /// <summary>All weights (empty when unweighted; gathers the chunks into one first; see the remarks).</summary>
    public ReadOnlySpan<double> Weights => IsWeighted && Gathered() is Chunk c ? c.Weights.AsSpan(0, Rows) : [];

    /// <summary>Most rows one accumulator holds: its scores and targets must each fit in one array.</summary>
    private long MaxRows => Array.MaxLength / Math.Max(Columns, TargetsPerRow);

    /// <summary>Appends a batch: row-major <paramref name="scores"/>, <paramref name="targets"/> and optional weights.</summary>
    /// <exception cref="ArgumentException">The batch's lengths do not match the columns and targets per row, weights are missing or not expected, or a score is not finite or a weight negative.</exception>
    /// <exception cref="InvalidOperationException">The rows would no longer fit in one array.</exception>
    public void Add(ReadOnlySpan<double> scores, ReadOnlySpan<int> targets, ReadOnlySpan<double> weights = default)
    {
        int rows = targets.Length / TargetsPerRow;
        if (targets.Length % TargetsPerRow != 0 || scores.Length != (long)rows * Columns)
        {
            throw new ArgumentException($"A batch needs {Columns} scores and {TargetsPerRow} targets per row.", nameof(scores));
        }

        if (IsWeighted ? weights.Length != rows : !weights.IsEmpty)
        {
            throw new ArgumentException(IsWeighted ? "This accumulator is weighted; give one weight per row." : "This accumulator is unweighted.", nameof(weights));
        }

        Guard.Weights(weights, rows);
        CurveChecks.Finite(scores, nameof(scores));
        Append(scores, targets, weights, rows);
    }

    /// <summary>Appends another accumulator's rows (after this one's; the curves do not depend on the order).</summary>
    /// <exception cref="ArgumentException">The two differ in columns, targets per row or weighting.</exception>
    public void Merge(ScoreAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Columns != Columns || other.TargetsPerRow != TargetsPerRow || other.IsWeighted != IsWeighted)
        {
            throw new ArgumentException("Cannot merge score accumulators with different columns, targets or weighting.", nameof(other));
        }

        // Counted before appending: merging an accumulator into itself appends its rows once.
        int used = other.UsedChunks, lastRows = used > 0 ? other._chunks[used - 1].Rows : 0;
        for (int c = 0; c < used; c++)
        {
            Chunk chunk = other._chunks[c];
            int rows = c == used - 1 ? lastRows : chunk.Rows;
            Append(chunk.Scores.AsSpan(0, rows * Columns), chunk.Targets.AsSpan(0, rows * TargetsPerRow),
                   IsWeighted ? chunk.Weights.AsSpan(0, rows) : default, rows);
        }
    }

    /// <summary>Forgets everything added (the storage is kept for the next rows).</summary>
    public void Reset()
    {
        foreach (Chunk chunk in _chunks)
        {
            chunk.Rows = 0;
            chunk.Positives = 0;
        }

        _current = 0;
        Rows = 0;
    }

    /// <summary>
    /// Binary: the exact curve of column 0 with target 1 as positive (one sort), the curve
    /// <see cref="BinaryCurve.Compute(ReadOnlySpan{double}, ReadOnlySpan{int}, int, ReadOnlySpan{double})"/> gives
    /// over all rows at once. The chunks are read in place.
    /// </summary>
    /// <exception cref="InvalidOperationException">The accumulator has more than one score column or target per row.</exception>
    /// <exception cref="ArgumentException">There are no rows with a non-zero weight.</exception>
    public BinaryCurve ToCurve()
    {
        if (Columns != 1 || TargetsPerRow != 1)
        {
            throw new InvalidOperationException("ToCurve applies to one score column with one 0/1 target per row.");
        }

        int used = UsedChunks;
        if (used <= 1)
        {
            return BinaryCurve.Compute(Scores, Targets, 1, Weights);
        }

        // The sorter's split reads each chunk where it is and places the keys (and weights) exactly where a split
        // of the concatenated rows would.
        var sorter = new CurveSorter();
        sorter.BeginPieces(Rows, IsWeighted);
        if (IsWeighted)
        {
            for (int c = 0; c < used; c++)
            {
                Chunk chunk = _chunks[c];
                sorter.CountWeightedPiece(chunk.Targets.AsSpan(0, chunk.Rows), 1, chunk.Weights.AsSpan(0, chunk.Rows));
            }
        }

        if (!IsWeighted)
        {
            // Each chunk knows how many positive rows it holds, so each chunk's place in the split is known up front
            // and the chunks are split at the same time, into exactly the places one split would give them.
            var split = new ChunkSplit(sorter, _chunks, used, Rows);
            if (Rows >= ParallelSplitRows)
            {
                ForkJoin.Run(split, used);
            }
            else
            {
                for (int c = 0; c < used; c++)
                {
                    split.Run(c);
                }
            }

            sorter.EndCountedPieces(split.Positives);
            return BinaryCurve.FromSorter(sorter);
        }

        for (int c = 0; c < used; c++)
        {
            Chunk chunk = _chunks[c];
            sorter.SplitPiece(chunk.Scores.AsSpan(0, chunk.Rows), chunk.Targets.AsSpan(0, chunk.Rows), 1,
                               chunk.Weights.AsSpan(0, chunk.Rows));
        }

        sorter.EndPieces();
        return BinaryCurve.FromSorter(sorter);
    }

    /// <summary>Most rows a chunk is made for (the first chunk may be larger when a capacity is given).</summary>
    private int ChunkRowsCap => Math.Max(_maxChunkValues / Math.Max(Columns, TargetsPerRow), 1);

    /// <summary>Chunks holding rows: the one being filled and every one before it.</summary>
    private int UsedChunks => Rows == 0 ? 0 : _current + 1;

    private void Append(ReadOnlySpan<double> scores, ReadOnlySpan<int> targets, ReadOnlySpan<double> weights, int rows)
    {
        if (Rows + (long)rows > MaxRows)
        {
            throw new InvalidOperationException($"A score accumulator holds at most {MaxRows} rows of {Columns} scores; use a BinnedCurveAccumulator for more.");
        }

        int done = 0;
        while (done < rows)
        {
            Chunk chunk = Writable();
            int take = Math.Min(rows - done, chunk.Capacity - chunk.Rows);
            scores.Slice(done * Columns, take * Columns).CopyTo(chunk.Scores.AsSpan(chunk.Rows * Columns));
            ReadOnlySpan<int> taken = targets.Slice(done * TargetsPerRow, take * TargetsPerRow);
            taken.CopyTo(chunk.Targets.AsSpan(chunk.Rows * TargetsPerRow));
            chunk.Positives += taken.Count(1);
            if (IsWeighted)
            {
                weights.Slice(done, take).CopyTo(chunk.Weights.AsSpan(chunk.Rows));
            }

            chunk.Rows += take;
            Rows += take;
            done += take;
        }
    }

    /// <summary>The chunk with room for more rows: the current one, the next kept one, or a new one.</summary>
    private Chunk Writable()
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add(NewChunk(_capacity > 0 ? _capacity : Math.Min(FirstChunkRows, ChunkRowsCap)));
            return _chunks[0];
        }

        Chunk current = _chunks[_current];
        if (current.Rows < current.Capacity)
        {
            return current;
        }

        _current++;
        if (_current == _chunks.Count)
        {
            // As large as everything so far (so the number of chunks grows with log N until the cap), capped.
            int cap = ChunkRowsCap;
            // Past the first chunk, at least 2 MiB of scores: every later chunk then starts on a huge page, and the
            // chunks under 2 MiB, which fault page by page, stop at the first.
            long rows = Math.Clamp(Rows, Math.Min(LargeChunkRows, cap), cap);
            _chunks.Add(NewChunk((int)Math.Min(rows, MaxRows - Rows)));
        }

        return _chunks[_current];
    }

    private Chunk NewChunk(int rows)
    {
        // A chunk with 2 MiB of scores or more puts its targets and weights on huge pages too.
        bool large = (long)rows * Columns * sizeof(double) >= LargeArray.HugePageBytes;
        return new(
            LargeArray.AllocateAligned<double>(rows * Columns, large), LargeArray.AllocateAligned<int>(rows * TargetsPerRow, large),
            IsWeighted ? LargeArray.AllocateAligned<double>(rows, large) : ArraySegment<double>.Empty, rows);
    }

    /// <summary>The only chunk with rows, after gathering several into one (null when empty).</summary>
    private Chunk? Gathered()
    {
        int used = UsedChunks;
        if (used == 0)
        {
            return null;
        }

        if (used == 1)
        {
            return _chunks[0];
        }

        Chunk all = NewChunk(Rows);
        int at = 0;
        for (int c = 0; c < used; c++)
        {
            Chunk chunk = _chunks[c];
            chunk.Scores.AsSpan(0, chunk.Rows * Columns).CopyTo(all.Scores.AsSpan(at * Columns));
            chunk.Targets.AsSpan(0, chunk.Rows * TargetsPerRow).CopyTo(all.Targets.AsSpan(at * TargetsPerRow));
            if (IsWeighted)
            {
                chunk.Weights.AsSpan(0, chunk.Rows).CopyTo(all.Weights.AsSpan(at));
            }

            at += chunk.Rows;
            all.Positives += chunk.Positives;
        }

        all.Rows = Rows;
        _chunks.Clear();
        _chunks.Add(all);
        _current = 0;
        return all;
    }

    /// <summary>Storage for up to <see cref="Capacity"/> rows, of which the first <see cref="Rows"/> are filled.</summary>
    private sealed class Chunk(ArraySegment<double> scores, ArraySegment<int> targets, ArraySegment<double> weights, int capacity)
    {
        public ArraySegment<double> Scores { get; } = scores;

        public ArraySegment<int> Targets { get; } = targets;

        public ArraySegment<double> Weights { get; } = weights;

        public int Capacity { get; } = capacity;

        public int Rows { get; set; }

        /// <summary>How many of the targets are 1 (the positive rows of a binary accumulator).</summary>
        public int Positives { get; set; }
    }

    /// <summary>
    /// The split of unweighted chunks into the sorter's keys, one chunk per slice: chunk c's positives start after
    /// the positives of the chunks before it, its negatives (written from the back) before theirs.
    /// </summary>
    private sealed class ChunkSplit : ISliceWork
    {
        private readonly CurveSorter _sorter;
        private readonly Chunk[] _chunks;
        private readonly int[] _front;
        private readonly int[] _back;

        public ChunkSplit(CurveSorter sorter, List<Chunk> chunks, int used, int total)
        {
            _sorter = sorter;
            _chunks = [.. chunks.Take(used)];
            _front = new int[used];
            _back = new int[used];
            int positives = 0, negatives = 0;
            for (int c = 0; c < used; c++)
            {
                _front[c] = positives;
                _back[c] = total - 1 - negatives;
                positives += _chunks[c].Positives;
                negatives += _chunks[c].Rows - _chunks[c].Positives;
            }

            Positives = positives;
        }

        /// <summary>The positive rows of all chunks.</summary>
        public int Positives { get; }

        /// <summary>Splits chunk <paramref name="slice"/>, largest chunks first when run in index order from the last.</summary>
        public void Run(int slice)
        {
            // Slices are claimed in index order; the last chunks are the largest, so take them first.
            int c = _chunks.Length - 1 - slice;
            Chunk chunk = _chunks[c];
            _sorter.SplitPieceAt(chunk.Scores.AsSpan(0, chunk.Rows), chunk.Targets.AsSpan(0, chunk.Rows), 1, _front[c], _back[c]);
        }
    }
}
