using Verdict.Counts;

namespace Verdict.Tests.Counts;

/// <summary>The shared counting kernel: a batch split over workers counts exactly what one sequential pass counts.</summary>
public sealed class PairCounterTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 65_536, 10, 10 },     // the benchmark's batch: two workers of 32K rows
        { 100_003, 3, 7 },      // not square, rows not a multiple of the workers
        { 300_000, 70, 70 },    // 4,900 cells: one table per worker instead of two interleaved
        { 70_000, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Count_SplitOverWorkers_EqualsOneSequentialPass(int n, int rows, int columns)
    {
        var rng = new Random(n + rows);
        (int[] a, int[] p) = Pairs(rng, n, rows, columns);
        long[] expected = Naive(a, p, columns, rows * columns);
        foreach (int workers in new[] { 1, 2, 3, 4, 8 })
        {
            var counter = new PairCounter { Workers = workers };
            var target = new long[rows * columns];
            Assert.False(counter.Count(a, p, rows, columns, target));
            Assert.Equal(expected, target);
            // Reused tables: a second batch adds on top, still exact.
            Assert.False(counter.Count(a, p, rows, columns, target));
            Assert.Equal(expected.Select(c => 2 * c), target);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Count_IndexOutOfRangeInTheLastSlice_ReportsItAndAddsNothing(int workers)
    {
        var rng = new Random(3);
        (int[] a, int[] p) = Pairs(rng, 200_000, 5, 5);
        p[^2] = 5;
        var counter = new PairCounter { Workers = workers };
        var target = new long[25];
        target[7] = 11;
        Assert.True(counter.Count(a, p, 5, 5, target));
        Assert.Equal(11, target[7]);
        Assert.Equal(11, target.Sum());
    }

    [Fact]
    public void Count_TablesOfAnEarlierLargerMatrix_AreClearedForTheNextBatch()
    {
        var rng = new Random(4);
        var counter = new PairCounter { Workers = 2 };
        (int[] a1, int[] p1) = Pairs(rng, 80_000, 9, 9);
        Assert.False(counter.Count(a1, p1, 9, 9, new long[81]));
        (int[] a2, int[] p2) = Pairs(rng, 80_000, 4, 4);
        var target = new long[16];
        Assert.False(counter.Count(a2, p2, 4, 4, target));
        Assert.Equal(Naive(a2, p2, 4, 16), target);
    }

    [Fact]
    public void ConfusionMatrixAccumulator_ParallelBatchesAndSmallBatches_EqualNaiveCounts()
    {
        var rng = new Random(5);
        (int[] a, int[] p) = Pairs(rng, 1_000_000, 10, 10);
        long[] expected = Naive(a, p, 10, 100);
        var big = new ConfusionMatrixAccumulator(10);
        var small = new ConfusionMatrixAccumulator(10);
        for (int start = 0; start < a.Length;)
        {
            int len = Math.Min(a.Length - start, rng.Next(2) == 0 ? 65_536 : rng.Next(1, 5_000));
            big.Add(a.AsSpan(start, len), p.AsSpan(start, len));
            start += len;
        }

        for (int start = 0; start < a.Length; start += 4_096)
        {
            int len = Math.Min(4_096, a.Length - start);
            small.Add(a.AsSpan(start, len), p.AsSpan(start, len));
        }

        Assert.Equal(expected, Cells(big.ToMatrix()));
        Assert.Equal(expected, Cells(small.ToMatrix()));
        Assert.Equal(expected, Cells(ConfusionMatrix.Compute(a, p, 10)));
    }

    [Fact]
    public void ConfusionMatrixAccumulator_RepeatedAddsAfterWarmUp_AllocateNothing()
    {
        var rng = new Random(6);
        (int[] a, int[] p) = Pairs(rng, 20_000, 10, 10);
        var acc = new ConfusionMatrixAccumulator(10);
        acc.Add(a, p);
        acc.Add(a.AsSpan(0, 100), p.AsSpan(0, 100));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            acc.Add(a, p);                                  // the table path (20,000 rows: one worker)
            acc.Add(a.AsSpan(0, 100), p.AsSpan(0, 100));    // the direct path
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(51L * 20_100, acc.ToMatrix().Rows);
    }

    internal static (int[] Actual, int[] Predicted) Pairs(Random rng, int n, int rows, int columns)
    {
        var a = new int[n];
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.Next(rows);
            p[i] = rng.NextDouble() < 0.6 ? Math.Min(a[i], columns - 1) : rng.Next(columns);
        }

        return (a, p);
    }

    private static long[] Naive(int[] a, int[] p, int columns, int cells)
    {
        var counts = new long[cells];
        for (int i = 0; i < a.Length; i++)
        {
            counts[(a[i] * columns) + p[i]]++;
        }

        return counts;
    }

    private static long[] Cells(ConfusionMatrix m)
    {
        var cells = new long[m.ClassCount * m.ClassCount];
        for (int i = 0; i < m.ClassCount; i++)
        {
            for (int j = 0; j < m.ClassCount; j++)
            {
                cells[(i * m.ClassCount) + j] = m.CountAt(i, j);
            }
        }

        return cells;
    }
}
