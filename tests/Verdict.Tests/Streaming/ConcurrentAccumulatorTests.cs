using System.Globalization;
using Verdict.Counts;
using Verdict.Curves;
using Verdict.Streaming;

namespace Verdict.Tests.Streaming;

/// <summary>Parallel producers through <see cref="ConcurrentAccumulator{T}"/>: real threads, one-pass results.</summary>
public sealed class ConcurrentAccumulatorTests
{
    private const int Threads = 8;

    [Fact]
    public void Snapshot_EightThreadsAddingConfusionBatches_EqualsOnePassCounts()
    {
        (int[] a, int[] p) = Verdict.Tests.Counts.PairCounterTests.Pairs(new Random(1), 600_000, 6, 6);
        List<(int Start, int Length)> batches = Batches(new Random(2), a.Length);
        using var shared = new ConcurrentAccumulator<ConfusionMatrixAccumulator>(() => new ConfusionMatrixAccumulator(6));
        RunProducers(batches, (start, len) =>
        {
            using ConcurrentAccumulator<ConfusionMatrixAccumulator>.Lease lease = shared.Rent();
            lease.Accumulator.Add(a.AsSpan(start, len), p.AsSpan(start, len));
        });

        Assert.Equal(Threads, shared.PartCount);
        Assert.Equal(Counts(ConfusionMatrix.Compute(a, p, 6)), Counts(shared.Snapshot().ToMatrix()));
    }

    [Fact]
    public void Snapshot_ComparedWithOnePassMissingOneBatch_Differs()
    {
        // The comparison above can fail: one batch left out of the one pass gives other counts.
        (int[] a, int[] p) = Verdict.Tests.Counts.PairCounterTests.Pairs(new Random(1), 100_000, 6, 6);
        List<(int Start, int Length)> batches = Batches(new Random(2), a.Length);
        using var shared = new ConcurrentAccumulator<ConfusionMatrixAccumulator>(() => new ConfusionMatrixAccumulator(6));
        RunProducers(batches, (start, len) =>
        {
            using ConcurrentAccumulator<ConfusionMatrixAccumulator>.Lease lease = shared.Rent();
            lease.Accumulator.Add(a.AsSpan(start, len), p.AsSpan(start, len));
        });

        (int skipStart, int skipLength) = batches[batches.Count / 2];
        int[] a2 = [.. a[..skipStart], .. a[(skipStart + skipLength)..]];
        int[] p2 = [.. p[..skipStart], .. p[(skipStart + skipLength)..]];
        Assert.NotEqual(Counts(ConfusionMatrix.Compute(a2, p2, 6)), Counts(shared.Snapshot().ToMatrix()));
        Assert.Equal(Counts(ConfusionMatrix.Compute(a, p, 6)), Counts(shared.Snapshot().ToMatrix()));
    }

    [Fact]
    public void Snapshot_EightThreadsAddingScores_CurveAndAucIdenticalToOnePass()
    {
        (double[] s, int[] y, _) = ScoreAccumulatorTests.Rows(new Random(3), 300_000, weighted: false, quantised: false);
        List<(int Start, int Length)> batches = Batches(new Random(4), s.Length);
        using var shared = new ConcurrentAccumulator<ScoreAccumulator>(() => new ScoreAccumulator(1));
        RunProducers(batches, (start, len) =>
        {
            using ConcurrentAccumulator<ScoreAccumulator>.Lease lease = shared.Rent();
            lease.Accumulator.Add(s.AsSpan(start, len), y.AsSpan(start, len));
        });

        ScoreAccumulatorTests.AssertIdentical(BinaryCurve.Compute(s, y, 1), shared.Snapshot().ToCurve());
    }

    [Fact]
    public void Snapshot_EightThreadsAddingLabelledBatches_EqualsOnePass()
    {
        var rng = new Random(5);
        int n = 200_000;
        string[] y = new string[n], p = new string[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = "c" + rng.Next(1 + (15 * i / n)).ToString(CultureInfo.InvariantCulture);
            p[i] = rng.NextDouble() < 0.7 ? y[i] : "c" + rng.Next(15).ToString(CultureInfo.InvariantCulture);
        }

        List<(int Start, int Length)> batches = Batches(rng, n);
        using var shared = new ConcurrentAccumulator<LabelCountsAccumulator>(() => new LabelCountsAccumulator());
        RunProducers(batches, (start, len) =>
        {
            string[] batchY = y[start..(start + len)], batchP = p[start..(start + len)];
            using ConcurrentAccumulator<LabelCountsAccumulator>.Lease lease = shared.Rent();
            lease.Accumulator.Add(batchY, batchP);
        });

        var one = new LabelCountsAccumulator();
        one.Add(y, p);
        LabelCountsAccumulatorTests.AssertSameCounts(one, shared.Snapshot());
    }

    [Fact]
    public void Snapshot_TakenWhileThreadsAdd_SeesWholeBatchesAndEndsAtOnePass()
    {
        // Every batch has 1,000 rows, so a snapshot that saw part of a batch would have a row count off the grid.
        (int[] a, int[] p) = Verdict.Tests.Counts.PairCounterTests.Pairs(new Random(6), 400_000, 4, 4);
        List<(int Start, int Length)> batches = [.. Enumerable.Range(0, 400).Select(b => (b * 1_000, 1_000))];
        using var shared = new ConcurrentAccumulator<ConfusionMatrixAccumulator>(() => new ConfusionMatrixAccumulator(4));
        var seen = new List<long>();
        using var done = new ManualResetEventSlim();
        var watcher = new Thread(() =>
        {
            while (!done.IsSet)
            {
                seen.Add(shared.Snapshot().ToMatrix().Rows);
            }
        });
        watcher.Start();
        RunProducers(batches, (start, len) =>
        {
            using ConcurrentAccumulator<ConfusionMatrixAccumulator>.Lease lease = shared.Rent();
            lease.Accumulator.Add(a.AsSpan(start, len), p.AsSpan(start, len));
        });
        done.Set();
        watcher.Join();

        Assert.All(seen, rows => Assert.Equal(0, rows % 1_000));
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(Counts(ConfusionMatrix.Compute(a, p, 4)), Counts(shared.Snapshot().ToMatrix()));
    }

    [Fact]
    public void Reset_EmptiesEveryThreadsPart()
    {
        using var shared = new ConcurrentAccumulator<ProbabilityAccumulator>(() => new ProbabilityAccumulator());
        RunProducers([.. Enumerable.Range(0, Threads).Select(i => (i, 1))], (_, _) =>
        {
            using ConcurrentAccumulator<ProbabilityAccumulator>.Lease lease = shared.Rent();
            lease.Accumulator.Add([0.9], [true]);
        });
        Assert.Equal(Threads, shared.PartCount);
        Assert.Equal(-Math.Log(0.9), shared.Snapshot().LogLoss, 12);
        shared.Reset();
        Assert.True(double.IsNaN(shared.Snapshot().LogLoss));
    }

    [Fact]
    public void Rent_FactoryReturningOneInstance_Throws()
    {
        var single = new ConfusionMatrixAccumulator(2);
        using var shared = new ConcurrentAccumulator<ConfusionMatrixAccumulator>(() => single);
        using (ConcurrentAccumulator<ConfusionMatrixAccumulator>.Lease lease = shared.Rent())
        {
            lease.Accumulator.Add([0], [1]);
        }

        Assert.Throws<InvalidOperationException>(shared.Snapshot);
        var other = new Thread(() => Assert.Throws<InvalidOperationException>(() => shared.Rent()));
        other.Start();
        other.Join();
    }

    /// <summary>Eight threads start together, each with a batch of its own, then take batches from a shared queue until it is empty.</summary>
    private static void RunProducers(List<(int Start, int Length)> batches, Action<int, int> add)
    {
        int next = Threads - 1;
        using var start = new Barrier(Threads);
        Exception? failure = null;
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int own = t;
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    for (int b = own; b < batches.Count; b = Interlocked.Increment(ref next))
                    {
                        add(batches[b].Start, batches[b].Length);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Null(failure);
    }

    private static List<(int Start, int Length)> Batches(Random rng, int n)
    {
        var batches = new List<(int, int)>();
        for (int start = 0; start < n;)
        {
            int len = Math.Min(n - start, rng.Next(2) == 0 ? rng.Next(1, 2_000) : rng.Next(1, 70_000));
            batches.Add((start, len));
            start += len;
        }

        return batches;
    }

    private static long[] Counts(ConfusionMatrix m)
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
