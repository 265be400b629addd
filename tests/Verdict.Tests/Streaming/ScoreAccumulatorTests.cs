using Verdict.Curves;
using Verdict.Streaming;

namespace Verdict.Tests.Streaming;

/// <summary>Chunked score storage: curves read across chunk boundaries are bit-identical to one pass over the rows.</summary>
public sealed class ScoreAccumulatorTests
{
    // First chunk 4,096 rows, then chunks as large as all rows before them but at least 2^18 rows (2 MiB of scores),
    // up to the cap (2^22 values by default; 10,000 in the capped cases, so that many chunks are full at the cap).
    public static TheoryData<int, bool, bool, int> Cases() => new()
    {
        { 4_095, false, false, 0 },
        { 4_096, false, false, 0 },
        { 4_097, false, true, 0 },
        { 12_289, true, false, 0 },
        { 70_000, false, false, 0 },
        { 70_000, true, true, 0 },
        { 50_000, false, true, 0 },
        { 1_300_000, false, false, 0 },
        { 95_001, false, false, 10_000 },
        { 95_001, true, false, 10_000 },
        { 400_000, false, true, 10_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToCurve_RowsAcrossChunks_BitIdenticalToOnePass(int n, bool weighted, bool quantised, int maxChunkValues)
    {
        var rng = new Random(n);
        (double[] s, int[] y, double[] w) = Rows(rng, n, weighted, quantised);
        BinaryCurve expected = BinaryCurve.Compute(s, y, 1, weighted ? w : default);
        var acc = maxChunkValues > 0 ? new ScoreAccumulator(1, 1, weighted, 0, maxChunkValues) : new ScoreAccumulator(1, weighted: weighted);
        for (int start = 0; start < n;)
        {
            int len = Math.Min(n - start, rng.Next(3) switch { 0 => rng.Next(1, 50), 1 => 4_096, _ => rng.Next(1, 100_000) });
            acc.Add(s.AsSpan(start, len), y.AsSpan(start, len), weighted ? w.AsSpan(start, len) : default);
            start += len;
        }

        Assert.Equal(n, acc.Rows);
        AssertIdentical(expected, acc.ToCurve());
        // Reading the rows gathers the chunks; the curve and the rows stay the same, and more rows can follow.
        Assert.True(acc.Scores.SequenceEqual(s));
        Assert.True(acc.Targets.SequenceEqual(y));
        Assert.True(acc.Weights.SequenceEqual(weighted ? w : []));
        AssertIdentical(expected, acc.ToCurve());
    }

    [Fact]
    public void Add_AfterGathering_KeepsAppendingInOrder()
    {
        var rng = new Random(8);
        (double[] s, int[] y, double[] w) = Rows(rng, 30_000, weighted: true, quantised: false);
        var acc = new ScoreAccumulator(1, weighted: true);
        acc.Add(s.AsSpan(0, 10_000), y.AsSpan(0, 10_000), w.AsSpan(0, 10_000));
        Assert.Equal(10_000, acc.Scores.Length);
        acc.Add(s.AsSpan(10_000), y.AsSpan(10_000), w.AsSpan(10_000));
        Assert.True(acc.Scores.SequenceEqual(s));
        Assert.True(acc.Weights.SequenceEqual(w));
        AssertIdentical(BinaryCurve.Compute(s, y, 1, w), acc.ToCurve());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5_000)]
    [InlineData(20_000)]
    public void Capacity_AnyHint_SameRowsAndCurve(int capacity)
    {
        var rng = new Random(9);
        (double[] s, int[] y, _) = Rows(rng, 20_000, weighted: false, quantised: false);
        var acc = new ScoreAccumulator(1, capacity: capacity);
        for (int start = 0; start < s.Length; start += 3_000)
        {
            int len = Math.Min(3_000, s.Length - start);
            acc.Add(s.AsSpan(start, len), y.AsSpan(start, len));
        }

        AssertIdentical(BinaryCurve.Compute(s, y, 1), acc.ToCurve());
        Assert.True(acc.Scores.SequenceEqual(s));
    }

    [Theory]
    [InlineData(3, 3, 0)]
    [InlineData(3, 1, 10_000)]
    [InlineData(5_000, 1, 10_000)] // wider than a chunk's cap: one row per chunk
    public void Add_SeveralColumnsAcrossChunks_RowsStayAligned(int columns, int targetsPerRow, int maxChunkValues)
    {
        // Several score columns (and targets) per row: a chunk boundary never cuts a row.
        var rng = new Random(10);
        int n = columns > 100 ? 300 : 200_000;
        double[] s = [.. Enumerable.Range(0, columns * n).Select(_ => rng.NextDouble())];
        int[] t = [.. Enumerable.Range(0, targetsPerRow * n).Select(_ => rng.Next(2))];
        var acc = maxChunkValues > 0 ? new ScoreAccumulator(columns, targetsPerRow, false, 0, maxChunkValues) : new ScoreAccumulator(columns, targetsPerRow);
        for (int start = 0; start < n;)
        {
            int len = Math.Min(n - start, rng.Next(1, n / 4));
            acc.Add(s.AsSpan(columns * start, columns * len), t.AsSpan(targetsPerRow * start, targetsPerRow * len));
            start += len;
        }

        Assert.Equal(n, acc.Rows);
        Assert.True(acc.Scores.SequenceEqual(s));
        Assert.True(acc.Targets.SequenceEqual(t));
    }

    [Fact]
    public void Merge_ChunkedShardsAndItself_EqualsOnePass()
    {
        var rng = new Random(11);
        (double[] s, int[] y, double[] w) = Rows(rng, 60_000, weighted: true, quantised: false);
        var a = new ScoreAccumulator(1, weighted: true);
        var b = new ScoreAccumulator(1, weighted: true);
        a.Add(s.AsSpan(0, 25_000), y.AsSpan(0, 25_000), w.AsSpan(0, 25_000));
        b.Add(s.AsSpan(25_000), y.AsSpan(25_000), w.AsSpan(25_000));
        a.Merge(b);
        AssertIdentical(BinaryCurve.Compute(s, y, 1, w), a.ToCurve());
        a.Merge(a);
        Assert.Equal(120_000, a.Rows);
        Assert.True(a.Scores.SequenceEqual([.. s, .. s]));
        Assert.True(a.Weights.SequenceEqual([.. w, .. w]));
    }

    [Fact]
    public void ResetThenAdd_EqualsAFreshAccumulator()
    {
        var rng = new Random(12);
        (double[] s, int[] y, _) = Rows(rng, 50_000, weighted: false, quantised: false);
        var acc = new ScoreAccumulator(1);
        acc.Add(s, y);
        acc.Reset();
        Assert.Equal(0, acc.Rows);
        Assert.True(acc.Scores.IsEmpty);
        acc.Add(s.AsSpan(0, 9_000), y.AsSpan(0, 9_000));
        acc.Add(s.AsSpan(9_000, 1_000), y.AsSpan(9_000, 1_000));
        AssertIdentical(BinaryCurve.Compute(s.AsSpan(0, 10_000), y.AsSpan(0, 10_000), 1), acc.ToCurve());
    }

    [Fact]
    public void ToCurve_WeightedWithEveryWeightZero_ThrowsAsOnePassDoes()
    {
        var acc = new ScoreAccumulator(1, weighted: true);
        acc.Add(new double[5_000], new int[5_000], new double[5_000]);
        acc.Add(new double[5_000], new int[5_000], new double[5_000]);
        Assert.Throws<ArgumentException>(acc.ToCurve);
    }

    internal static void AssertIdentical(BinaryCurve expected, BinaryCurve actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.ThresholdSpan.SequenceEqual(actual.ThresholdSpan));
        Assert.True(expected.TpSpan.SequenceEqual(actual.TpSpan));
        Assert.True(expected.FpSpan.SequenceEqual(actual.FpSpan));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Positives), BitConverter.DoubleToInt64Bits(actual.Positives));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Negatives), BitConverter.DoubleToInt64Bits(actual.Negatives));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.RocAuc()), BitConverter.DoubleToInt64Bits(actual.RocAuc()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.AveragePrecision()), BitConverter.DoubleToInt64Bits(actual.AveragePrecision()));
    }

    internal static (double[] Scores, int[] Targets, double[] Weights) Rows(Random rng, int n, bool weighted, bool quantised)
    {
        var s = new double[n];
        var y = new int[n];
        var w = new double[weighted ? n : 0];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.3 ? 1 : 0;
            double score = (y[i] * 0.4) + rng.NextDouble();
            // Quantised scores tie often (and take the counting path); the others tie now and then.
            s[i] = quantised ? Math.Round(score * 20) / 20 : (rng.Next(50) == 0 ? 0.5 : score);
            if (weighted)
            {
                w[i] = rng.Next(10) == 0 ? 0 : rng.NextDouble() * 2;
            }
        }

        return (s, y, w);
    }
}
