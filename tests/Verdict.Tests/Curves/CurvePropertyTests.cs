using Verdict.Counts;
using Verdict.Curves;
using Verdict.Scores;

namespace Verdict.Tests.Curves;

/// <summary>Properties over generated inputs (fixed seeds): permutation invariance, brute-force definitions, binning.</summary>
public class CurvePropertyTests
{
    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    private static (double[] Scores, bool[] Labels, double[] Weights) Generate(int seed, int n, int decimals)
    {
        var rng = new Random(seed);
        var scores = new double[n];
        var labels = new bool[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = rng.NextDouble() < 0.3;
            double s = rng.NextDouble() * 0.7 + (labels[i] ? 0.3 : 0.0);
            scores[i] = decimals >= 0 ? Math.Round(s, decimals) : s;
            weights[i] = rng.Next(4) == 0 ? 0.0 : rng.NextDouble() * 2;
        }

        return (scores, labels, weights);
    }

    private static int[] Permutation(int seed, int n)
    {
        int[] p = Enumerable.Range(0, n).ToArray();
        new Random(seed * 7919).Shuffle(p);
        return p;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_PermutedRows_SameCurve(int seed)
    {
        (double[] s, bool[] y, double[] w) = Generate(seed, 300, seed % 3);
        int[] p = Permutation(seed, s.Length);
        double[] s2 = p.Select(i => s[i]).ToArray();
        bool[] y2 = p.Select(i => y[i]).ToArray();
        double[] w2 = p.Select(i => w[i]).ToArray();

        BinaryCurve a = BinaryCurve.Compute(s, y), b = BinaryCurve.Compute(s2, y2);
        Assert.Equal(a.Thresholds, b.Thresholds);
        Assert.Equal(a.TruePositives, b.TruePositives);
        Assert.Equal(a.FalsePositives, b.FalsePositives);
        Assert.Equal(a.RocAuc(), b.RocAuc());
        Assert.Equal(a.AveragePrecision(), b.AveragePrecision());

        // Weighted sums are equal up to the order of floating-point additions within tied scores.
        BinaryCurve aw = BinaryCurve.Compute(s, y, w), bw = BinaryCurve.Compute(s2, y2, w2);
        Assert.Equal(aw.Thresholds, bw.Thresholds);
        for (int i = 0; i < aw.Count; i++)
        {
            Assert.Equal(aw.TruePositives[i], bw.TruePositives[i], 1e-12);
            Assert.Equal(aw.FalsePositives[i], bw.FalsePositives[i], 1e-12);
        }

        Assert.Equal(aw.RocAuc(0.3), bw.RocAuc(0.3), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RocAuc_Unweighted_EqualsMannWhitneyProbability(int seed)
    {
        (double[] s, bool[] y, _) = Generate(seed, 200, seed % 3);
        double wins = 0, pairs = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (!y[i])
            {
                continue;
            }

            for (int j = 0; j < s.Length; j++)
            {
                if (y[j])
                {
                    continue;
                }

                pairs++;
                wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
            }
        }

        Assert.Equal(wins / pairs, BinaryCurve.Compute(s, y).RocAuc(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CurveFolds_Weighted_EqualBruteForceRecount(int seed)
    {
        (double[] s, bool[] y, double[] w) = Generate(seed, 150, 2);
        BinaryCurve curve = BinaryCurve.Compute(s, y, w);
        double ap = 0, previousRecall = 0;
        double[] distinct = s.Where((_, i) => w[i] != 0).Distinct().OrderByDescending(v => v).ToArray();
        Assert.Equal(distinct, curve.Thresholds);
        foreach (double t in distinct)
        {
            BinaryCounts c = Recount(s, y, w, t);
            Assert.Equal(c.TruePositives, curve.CountsAtThreshold(t).TruePositives, 1e-12);
            Assert.Equal(c.FalsePositives, curve.CountsAtThreshold(t).FalsePositives, 1e-12);
            double recall = c.TruePositives / c.Support;
            ap += (recall - previousRecall) * Score.Precision(c);
            previousRecall = recall;
        }

        Assert.Equal(ap, curve.AveragePrecision(), 1e-12);

        // Thresholds between and beyond the scores.
        var rng = new Random(seed);
        for (int k = 0; k < 50; k++)
        {
            double t = (rng.NextDouble() * 1.4) - 0.2;
            BinaryCounts expected = Recount(s, y, w, t), actual = curve.CountsAtThreshold(t);
            Assert.Equal(expected.TruePositives, actual.TruePositives, 1e-12);
            Assert.Equal(expected.FalsePositives, actual.FalsePositives, 1e-12);
            Assert.Equal(expected.FalseNegatives, actual.FalseNegatives, 1e-12);
            Assert.Equal(expected.TrueNegatives, actual.TrueNegatives, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Binned_ScoresOnGrid_EqualExactCurve(int seed)
    {
        var acc = new BinnedCurveAccumulator(101);
        var rng = new Random(seed);
        int n = 500;
        var s = new double[n];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.4;
            int j = Math.Clamp(rng.Next(60) + (y[i] ? 40 : 0), 0, 100);
            s[i] = acc.Thresholds[j];
        }

        acc.Add(s, y);
        BinaryCurve binned = acc.ToCurve(), exact = BinaryCurve.Compute(s, y);
        Assert.Equal(exact.Thresholds, binned.Thresholds);
        Assert.Equal(exact.TruePositives, binned.TruePositives);
        Assert.Equal(exact.FalsePositives, binned.FalsePositives);
        Assert.Equal(exact.RocAuc(), binned.RocAuc());
        Assert.Equal(exact.RocAuc(0.2), binned.RocAuc(0.2));
        Assert.Equal(exact.AveragePrecision(), binned.AveragePrecision());
        Assert.Equal(exact.Roc().FalsePositiveRate, binned.Roc().FalsePositiveRate);
        Assert.Equal(exact.PrecisionRecall().Precision, binned.PrecisionRecall().Precision);
        Assert.Equal(exact.Det().FalseNegativeRate, binned.Det().FalseNegativeRate);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Binned_MergedParts_EqualOnePass(int seed)
    {
        (double[] s, bool[] y, double[] w) = Generate(seed, 1000, -1);
        var whole = new BinnedCurveAccumulator(50);
        whole.Add(s, y);
        var wholeWeighted = new BinnedCurveAccumulator(50);
        wholeWeighted.Add(s, y, w);

        // Random batches into three accumulators, merged in a different order.
        var parts = new[] { new BinnedCurveAccumulator(50), new BinnedCurveAccumulator(50), new BinnedCurveAccumulator(50) };
        var weightedParts = new[] { new BinnedCurveAccumulator(50), new BinnedCurveAccumulator(50), new BinnedCurveAccumulator(50) };
        var rng = new Random(seed);
        for (int start = 0; start < s.Length;)
        {
            int len = Math.Min(rng.Next(1, 120), s.Length - start);
            int part = rng.Next(3);
            parts[part].Add(s.AsSpan(start, len), y.AsSpan(start, len));
            weightedParts[part].Add(s.AsSpan(start, len), y.AsSpan(start, len), w.AsSpan(start, len));
            start += len;
        }

        parts[2].Merge(parts[0]);
        parts[2].Merge(parts[1]);
        weightedParts[1].Merge(weightedParts[2]);
        weightedParts[1].Merge(weightedParts[0]);

        Assert.Equal(whole.CountsAtThresholds(), parts[2].CountsAtThresholds());
        Assert.Equal(whole.ToCurve().RocAuc(), parts[2].ToCurve().RocAuc());
        Assert.Equal(whole.ToCurve().AveragePrecision(), parts[2].ToCurve().AveragePrecision());

        BinaryCounts[] a = wholeWeighted.CountsAtThresholds(), b = weightedParts[1].CountsAtThresholds();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].TruePositives, b[i].TruePositives, 1e-9);
            Assert.Equal(a[i].FalsePositives, b[i].FalsePositives, 1e-9);
        }

        Assert.Equal(wholeWeighted.ToCurve().RocAuc(), weightedParts[1].ToCurve().RocAuc(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Binned_CountsAtThresholds_EqualExactCountsAtThoseThresholds(int seed)
    {
        (double[] s, bool[] y, double[] w) = Generate(seed, 400, -1);
        var acc = new BinnedCurveAccumulator(21);
        acc.Add(s, y, w);
        BinaryCurve exact = BinaryCurve.Compute(s, y, w);
        BinaryCounts[] binned = acc.CountsAtThresholds();
        for (int j = 0; j < binned.Length; j++)
        {
            BinaryCounts e = exact.CountsAtThreshold(acc.Thresholds[j]);
            Assert.Equal(e.TruePositives, binned[j].TruePositives, 1e-9);
            Assert.Equal(e.FalsePositives, binned[j].FalsePositives, 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MulticlassAuc_PermutedRows_SameValues(int seed)
    {
        var rng = new Random(seed);
        int n = 120, k = 4;
        var y = new int[n];
        var p = new double[n * k];
        for (int r = 0; r < n; r++)
        {
            y[r] = rng.Next(k);
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                double v = Math.Round(rng.NextDouble() + (c == y[r] ? 0.8 : 0), 1);
                p[(r * k) + c] = v;
                sum += v;
            }

            for (int c = 0; c < k; c++)
            {
                p[(r * k) + c] /= sum;
            }
        }

        int[] perm = Permutation(seed, n);
        int[] y2 = perm.Select(i => y[i]).ToArray();
        double[] p2 = perm.SelectMany(i => p.Skip(i * k).Take(k)).ToArray();
        Assert.Equal(MulticlassAuc.OneVsOne(y, p, k), MulticlassAuc.OneVsOne(y2, p2, k), 1e-12);
        Assert.Equal(MulticlassAuc.OneVsRest(y, p, k, Average.Weighted), MulticlassAuc.OneVsRest(y2, p2, k, Average.Weighted), 1e-12);
        Assert.Equal(MulticlassAuc.OneVsRest(y, p, k, Average.Micro), MulticlassAuc.OneVsRest(y2, p2, k, Average.Micro), 1e-12);
        Assert.Equal(MulticlassAuc.AveragePrecision(y, p, k, Average.Samples), MulticlassAuc.AveragePrecision(y2, p2, k, Average.Samples), 1e-12);
        Assert.Equal(TopKAccuracy.Compute(y, p, k, 2), TopKAccuracy.Compute(y2, p2, k, 2));
    }

    private static BinaryCounts Recount(double[] s, bool[] y, double[] w, double t)
    {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < s.Length; i++)
        {
            bool predicted = s[i] >= t;
            if (y[i])
            {
                if (predicted)
                {
                    tp += w[i];
                }
                else
                {
                    fn += w[i];
                }
            }
            else if (predicted)
            {
                fp += w[i];
            }
            else
            {
                tn += w[i];
            }
        }

        return new BinaryCounts(tp, fp, fn, tn);
    }
}
