using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Verdict.Internal;

namespace Verdict.Counts;

/// <summary>
/// The counting kernel behind the confusion-matrix accumulators: adds the (actual, predicted) index pairs of a batch
/// into a row-major <c>rows × columns</c> table of 64-bit cells (cell <c>a · columns + p</c>). Large batches are cut
/// into one slice per worker, each counted into its own 32-bit table; the tables are added into the cells at the end,
/// so the counts are exactly those of one sequential pass. The tables are kept and reused: after the first batches
/// of a size, counting allocates nothing. The slices go to <see cref="ForkJoin"/>, whose hand-over costs little enough
/// for batches from 32,768 rows (two workers of <see cref="MinRowsPerWorker"/>) to gain from a second core. The per-batch methods are compiled fully optimised from
/// the first call: the tiered, profile-guided code measured about twice as slow on 4,096-row batches. Not thread-safe.
/// </summary>
internal sealed class PairCounter : ISliceWork
{
    /// <summary>
    /// Fewest rows a worker is given. Measured on two cores (bench/STREAMING.md): 2,048-row slices made 4,096-row
    /// batches slower than one core; from 16,384-row slices the split paid.
    /// </summary>
    internal const int MinRowsPerWorker = 1 << 14;
    private const int MaxWorkers = 8;
    private const int SmallMatrix = 4096;
    private int[][] _tables = [];
    private bool[] _bad = [];
    private unsafe int* _actual;
    private unsafe int* _predicted;
    private int _rowCount;
    private int _workers;
    private int _rows;
    private int _columns;

    /// <summary>Most workers a batch is split over (the processor count unless a test lowers or raises it).</summary>
    internal int Workers { get; set; } = Math.Min(Environment.ProcessorCount, MaxWorkers);

    /// <summary>
    /// Adds the pairs into <paramref name="target"/> (at least <c>rows · columns</c> cells). Returns true, and adds
    /// nothing, when an actual index is outside <c>[0, rows)</c> or a predicted one outside <c>[0, columns)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Count(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int rows, int columns, Span<long> target)
    {
        int n = actual.Length, cells = rows * columns;
        if (n == 0)
        {
            return false;
        }

        if (n < Math.Max(cells, 1 << 12))
        {
            // A small batch: check, then count straight into the 64-bit cells (no table to clear and fold).
            if (!InRange(actual, rows) || !InRange(predicted, columns))
            {
                return true;
            }

            ref long direct = ref MemoryMarshal.GetReference(target);
            for (int i = 0; i < n; i++)
            {
                Unsafe.Add(ref direct, (actual[i] * columns) + predicted[i])++;
            }

            return false;
        }

        int workers = Math.Min(Math.Min(Workers, MaxWorkers), n / Math.Max(MinRowsPerWorker, cells));
        return workers >= 2 ? CountParallel(actual, predicted, rows, columns, workers, target)
                            : CountSequential(actual, predicted, rows, columns, target);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool CountSequential(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int rows, int columns, Span<long> target)
    {
        int[] table = Table(0, rows * columns);
        if (CountTable(actual, predicted, rows, columns, table))
        {
            return true;
        }

        Fold(table, rows * columns, target);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe bool CountParallel(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int rows, int columns, int workers, Span<long> target)
    {
        int cells = rows * columns;
        for (int w = 0; w < workers; w++)
        {
            _ = Table(w, cells);
        }

        if (_bad.Length < workers)
        {
            _bad = new bool[MaxWorkers];
        }

        fixed (int* a = actual)
        fixed (int* p = predicted)
        {
            _actual = a;
            _predicted = p;
            _rowCount = actual.Length;
            _rows = rows;
            _columns = columns;
            _workers = workers;
            try
            {
                ForkJoin.Run(this, workers);
            }
            finally
            {
                _actual = null;
                _predicted = null;
            }
        }

        for (int w = 0; w < workers; w++)
        {
            if (_bad[w])
            {
                return true;
            }
        }

        for (int w = 0; w < workers; w++)
        {
            Fold(_tables[w], cells, target);
        }

        return false;
    }

    /// <summary>Counts worker <paramref name="w"/>'s slice of the batch set up by <see cref="CountParallel"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Run(int w)
    {
        int n = _rowCount, start = (int)((long)n * w / _workers), end = (int)((long)n * (w + 1) / _workers);
        var actual = new ReadOnlySpan<int>(_actual + start, end - start);
        var predicted = new ReadOnlySpan<int>(_predicted + start, end - start);
        _bad[w] = CountTable(actual, predicted, _rows, _columns, _tables[w]);
    }

    /// <summary>Worker <paramref name="w"/>'s table, zeroed over the cells this batch uses (two interleaved copies for a small matrix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] Table(int w, int cells)
    {
        if (_tables.Length <= w)
        {
            Array.Resize(ref _tables, MaxWorkers);
        }

        int length = cells <= SmallMatrix ? 2 * cells : cells;
        int[]? table = _tables[w];
        if (table is null || table.Length < length)
        {
            table = LargeArray.Allocate<int>(length);
            _tables[w] = table;
        }

        Array.Clear(table, 0, length);
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CountTable(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int rows, int columns, int[] table) =>
        rows * columns <= SmallMatrix ? CountTwoTables(actual, predicted, rows, columns, table)
                                      : CountOneTable(actual, predicted, rows, columns, table);

    /// <summary>Adds a 32-bit table (and its second, interleaved copy for a small matrix) into the 64-bit cells.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(int[] table, int cells, Span<long> target)
    {
        if (cells <= SmallMatrix)
        {
            for (int i = 0; i < cells; i++)
            {
                target[i] += (long)table[i] + table[cells + i];
            }
        }
        else
        {
            for (int i = 0; i < cells; i++)
            {
                target[i] += table[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Counts through 32-bit cells (half the cache footprint of 64-bit ones; a span has fewer than 2³¹ rows, so no
    /// cell can overflow). True when an index is out of range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CountOneTable(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int rows, int columns, int[] counts)
    {
        ref int cells = ref MemoryMarshal.GetArrayDataReference(counts);
        ref int a = ref MemoryMarshal.GetReference(actual);
        ref int p = ref MemoryMarshal.GetReference(predicted);
        uint ur = (uint)rows, uc = (uint)columns;
        for (int i = 0; i < actual.Length; i++)
        {
            int ai = Unsafe.Add(ref a, i), pi = Unsafe.Add(ref p, i);
            if ((uint)ai >= ur || (uint)pi >= uc)
            {
                return true;
            }

            Unsafe.Add(ref cells, (ai * columns) + pi)++;
        }

        return false;
    }

    /// <summary>
    /// Two interleaved tables for a small matrix, so that repeated cells do not wait on each other's increments.
    /// True when an index is out of range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CountTwoTables(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int rows, int columns, int[] counts)
    {
        ref int first = ref MemoryMarshal.GetArrayDataReference(counts);
        ref int second = ref Unsafe.Add(ref first, rows * columns);
        ref int a = ref MemoryMarshal.GetReference(actual);
        ref int p = ref MemoryMarshal.GetReference(predicted);
        uint ur = (uint)rows, uc = (uint)columns;
        int n = actual.Length, i = 0;
        for (; i + 2 <= n; i += 2)
        {
            int a0 = Unsafe.Add(ref a, i), p0 = Unsafe.Add(ref p, i), a1 = Unsafe.Add(ref a, i + 1), p1 = Unsafe.Add(ref p, i + 1);
            if (((uint)a0 >= ur) | ((uint)p0 >= uc) | ((uint)a1 >= ur) | ((uint)p1 >= uc))
            {
                return true;
            }

            Unsafe.Add(ref first, (a0 * columns) + p0)++;
            Unsafe.Add(ref second, (a1 * columns) + p1)++;
        }

        if (i < n)
        {
            int a0 = Unsafe.Add(ref a, i), p0 = Unsafe.Add(ref p, i);
            if ((uint)a0 >= ur || (uint)p0 >= uc)
            {
                return true;
            }

            Unsafe.Add(ref first, (a0 * columns) + p0)++;
        }

        return false;
    }
}
