using System.Globalization;
using Verdict.Counts;
using Verdict.Evaluation;
using Verdict.Streaming;

namespace Verdict.Tests.Streaming;

/// <summary>The dense label matrix: labels that appear mid-stream, values lists that grow or are reused, weights, errors.</summary>
public sealed class LabelCountsAccumulatorTests
{
    [Fact]
    public void Add_LabelsAppearingMidStream_EqualsOnePass()
    {
        var rng = new Random(1);
        for (int trial = 0; trial < 40; trial++)
        {
            // Forty labels (the matrix grows past its first capacity several times), unseen ones arriving late.
            int n = rng.Next(200, 3_000);
            string[] y = new string[n], p = new string[n];
            for (int i = 0; i < n; i++)
            {
                int reach = 1 + (40 * i / n);
                y[i] = Name(rng.Next(reach));
                p[i] = rng.NextDouble() < 0.6 ? y[i] : Name(rng.Next(reach));
            }

            var one = new LabelCountsAccumulator();
            one.Add(y, p);
            var batched = new LabelCountsAccumulator();
            foreach ((int start, int len) in Batches(rng, n))
            {
                batched.Add(y[start..(start + len)], p[start..(start + len)]);
            }

            AssertSameCounts(one, batched);
            Assert.Equal(NaiveCounts(y, p), CountsByName(batched));
        }
    }

    [Fact]
    public void Add_SameValuesListGrowingBetweenBatches_EqualsOnePass()
    {
        // A reader's interned column: one list, new values appended as they first occur, codes index it.
        var rng = new Random(2);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = rng.Next(100, 5_000);
            string[] y = new string[n], p = new string[n];
            for (int i = 0; i < n; i++)
            {
                y[i] = Name(rng.Next(1 + (25 * i / n)));
                p[i] = rng.NextDouble() < 0.5 ? y[i] : Name(rng.Next(30));
            }

            var actualValues = new List<string>();
            var predictedValues = new List<string>();
            var actualIndex = new Dictionary<string, int>();
            var predictedIndex = new Dictionary<string, int>();
            var acc = new LabelCountsAccumulator();
            foreach ((int start, int len) in Batches(rng, n))
            {
                int[] a = Encode(y.AsSpan(start, len), actualValues, actualIndex);
                int[] b = Encode(p.AsSpan(start, len), predictedValues, predictedIndex);
                acc.Add(a, actualValues, b, predictedValues);
            }

            var one = new LabelCountsAccumulator();
            one.Add(y, p);
            AssertSameCounts(one, acc);
        }
    }

    [Fact]
    public void Add_SameListWithEntriesReplaced_MapsTheNewEntries()
    {
        // A buffer reused from batch to batch with different contents must not keep the old entries' labels.
        string[] values = ["a", "b"];
        var acc = new LabelCountsAccumulator();
        acc.Add([0, 1], values, [0, 1], values);
        values[0] = "c";
        values[1] = "a";
        acc.Add([0, 1, 1], values, [0, 0, 1], values);
        var expected = new LabelCountsAccumulator();
        expected.Add(["a", "b", "c", "a", "a"], ["a", "b", "c", "c", "a"]);
        AssertSameCounts(expected, acc);
    }

    [Fact]
    public void Add_ManyValuesAgainstFewRows_CountsEachRowDirectly()
    {
        // 200 × 200 code pairs against 50 rows: counted row by row into the label cells.
        string[] values = [.. Enumerable.Range(0, 200).Select(Name)];
        var rng = new Random(3);
        var acc = new LabelCountsAccumulator();
        var all = new List<(string, string)>();
        for (int b = 0; b < 20; b++)
        {
            int[] a = [.. Enumerable.Range(0, 50).Select(_ => rng.Next(200))];
            int[] p = [.. a.Select(x => rng.NextDouble() < 0.5 ? x : rng.Next(200))];
            acc.Add(a, values, p, values);
            all.AddRange(a.Zip(p, (x, z) => (values[x], values[z])));
        }

        var one = new LabelCountsAccumulator();
        one.Add([.. all.Select(x => x.Item1)], [.. all.Select(x => x.Item2)]);
        Assert.Equal(200, acc.Labels.Count);
        AssertSameCounts(one, acc);
    }

    [Fact]
    public void Add_Weighted_EqualsOnePassExactlyAndMergesByName()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = rng.Next(50, 2_000);
            string[] y = new string[n], p = new string[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++)
            {
                y[i] = Name(rng.Next(1 + (12 * i / n)));
                p[i] = rng.NextDouble() < 0.6 ? y[i] : Name(rng.Next(12));
                w[i] = rng.Next(5) == 0 ? 0 : rng.NextDouble() * 3;
            }

            var one = new LabelCountsAccumulator(weighted: true);
            one.Add(y, p, w);
            var batched = new LabelCountsAccumulator(weighted: true);
            var shards = new List<LabelCountsAccumulator>();
            foreach ((int start, int len) in Batches(rng, n))
            {
                batched.Add(y[start..(start + len)], p[start..(start + len)], w.AsSpan(start, len));
                var shard = new LabelCountsAccumulator(weighted: true);
                shard.Add(y[start..(start + len)], p[start..(start + len)], w.AsSpan(start, len));
                shards.Add(shard);
            }

            // Batches add each row's weight into its cell in row order, as one pass does: the same bits.
            AssertSameCounts(one, batched);
            Assert.Equal(WeightsByName(one), WeightsByName(batched));
            ConfusionMatrix reference = OnePassMatrix(y, p, w, one.Labels);
            ConfusionMatrix got = batched.ToEvaluation(one.Labels).Matrix;
            for (int i = 0; i < one.Labels.Count; i++)
            {
                Assert.Equal(reference.RowSum(i), got.RowSum(i));
                for (int j = 0; j < one.Labels.Count; j++)
                {
                    Assert.Equal(reference[i, j], got[i, j]);
                }
            }

            // Shards merged in any order: counts exact, weights up to rounding.
            var merged = new LabelCountsAccumulator(weighted: true);
            foreach (LabelCountsAccumulator shard in shards.OrderBy(_ => rng.Next()))
            {
                merged.Merge(shard);
            }

            ConfusionMatrix m = merged.ToEvaluation(one.Labels).Matrix;
            for (int i = 0; i < one.Labels.Count; i++)
            {
                for (int j = 0; j < one.Labels.Count; j++)
                {
                    Assert.Equal(reference.CountAt(i, j), m.CountAt(i, j));
                    Assert.Equal(reference[i, j], m[i, j], 1e-9);
                }
            }
        }
    }

    [Fact]
    public void Add_CodeOutsideItsValues_ThrowsNamingTheRowAndChangesNothing()
    {
        var acc = new LabelCountsAccumulator();
        acc.Add(["a"], ["a"]);
        int[] actual = new int[10_000];
        int[] predicted = new int[10_000];
        predicted[9_000] = 2;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(actual, ["x", "y"], predicted, ["x", "y"]));
        Assert.Contains("row 9001", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], acc.Labels);
        Assert.Equal(1, acc.Rows);
        Assert.Single(acc.Cells);
    }

    [Fact]
    public void Add_RepeatedUnweightedBatchesAfterWarmUp_AllocateNothing()
    {
        string[] values = [.. Enumerable.Range(0, 10).Select(Name)];
        var rng = new Random(5);
        (int[] a, int[] p) = PairCounterTestsPairs(rng, 8_192);
        var acc = new LabelCountsAccumulator();
        acc.Add(a, values, p, values);
        acc.Add(a.AsSpan(0, 64), values, p.AsSpan(0, 64), values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            acc.Add(a, values, p, values);
            acc.Add(a.AsSpan(0, 64), values, p.AsSpan(0, 64), values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(51L * (8_192 + 64), acc.Rows);
    }

    [Fact]
    public void Add_OneLargeBatchSplitOverCores_EqualsSmallBatches()
    {
        string[] values = [.. Enumerable.Range(0, 10).Select(Name)];
        var rng = new Random(6);
        (int[] a, int[] p) = PairCounterTestsPairs(rng, 400_000);
        var big = new LabelCountsAccumulator();
        big.Add(a, values, p, values);
        var small = new LabelCountsAccumulator();
        for (int start = 0; start < a.Length; start += 1_000)
        {
            small.Add(a.AsSpan(start, 1_000), values, p.AsSpan(start, 1_000), values);
        }

        AssertSameCounts(small, big);
        Assert.Equal(400_000, big.Rows);
    }

    [Fact]
    public void ResetThenAdd_EqualsAFreshAccumulator()
    {
        var acc = new LabelCountsAccumulator(weighted: true);
        acc.Add(["a", "b", "q"], ["b", "b", "a"], [1.0, 2.0, 3.0]);
        acc.Reset();
        acc.Add(["z", "a"], ["z", "z"], [0.5, 1.5]);
        var fresh = new LabelCountsAccumulator(weighted: true);
        fresh.Add(["z", "a"], ["z", "z"], [0.5, 1.5]);
        AssertSameCounts(fresh, acc);
        Assert.Equal(fresh.Marginals.Rows, acc.Marginals.Rows);
        Assert.Equal(2, acc.Rows);
    }

    internal static void AssertSameCounts(LabelCountsAccumulator expected, LabelCountsAccumulator actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Labels.OrderBy(l => l, StringComparer.Ordinal), actual.Labels.OrderBy(l => l, StringComparer.Ordinal));
        Assert.Equal(CountsByName(expected), CountsByName(actual));
    }

    private static SortedDictionary<string, long> CountsByName(LabelCountsAccumulator acc)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach ((int a, int p, long rows, _) in acc.Cells)
        {
            counts[acc.Labels[a] + "|" + acc.Labels[p]] = rows;
        }

        return counts;
    }

    private static SortedDictionary<string, double> WeightsByName(LabelCountsAccumulator acc)
    {
        var weights = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((int a, int p, _, double weight) in acc.Cells)
        {
            weights[acc.Labels[a] + "|" + acc.Labels[p]] = weight;
        }

        (double[] rows, double[] columns) = acc.Marginals;
        for (int i = 0; i < acc.Labels.Count; i++)
        {
            weights["row " + acc.Labels[i]] = rows[i];
            weights["column " + acc.Labels[i]] = columns[i];
        }

        return weights;
    }

    private static SortedDictionary<string, long> NaiveCounts(string[] y, string[] p)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < y.Length; i++)
        {
            string key = y[i] + "|" + p[i];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static ConfusionMatrix OnePassMatrix(string[] y, string[] p, double[] w, IReadOnlyList<string> labels)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        return ConfusionMatrix.Compute(y.Select(v => index[v]).ToArray(), p.Select(v => index[v]).ToArray(), labels.Count, w);
    }

    private static int[] Encode(ReadOnlySpan<string> labels, List<string> values, Dictionary<string, int> index)
    {
        var codes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!index.TryGetValue(labels[i], out int c))
            {
                c = values.Count;
                index[labels[i]] = c;
                values.Add(labels[i]);
            }

            codes[i] = c;
        }

        return codes;
    }

    private static IEnumerable<(int Start, int Length)> Batches(Random rng, int n)
    {
        for (int start = 0; start < n;)
        {
            int len = Math.Min(n - start, rng.Next(1, Math.Max(2, n / 4)));
            yield return (start, len);
            start += len;
        }
    }

    private static (int[] Actual, int[] Predicted) PairCounterTestsPairs(Random rng, int n) =>
        Verdict.Tests.Counts.PairCounterTests.Pairs(rng, n, 10, 10);

    private static string Name(int i) => "label" + i.ToString(CultureInfo.InvariantCulture);
}
